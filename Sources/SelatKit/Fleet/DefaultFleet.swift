import Foundation
import SelatGeo
import SelatGeoData
import SelatModel

/// The fleet the demo and a new user start from: the four Indonesian agencies that patrol the
/// Riau straits, their bases as GeoData knows them, and six **fictional** boats (call signs
/// DEMO-…; speeds, endurance and crews typical of each agency's fast patrol craft, not any real
/// boat's). Replace the boats with your own: `selat fleet boat add`.
public enum DefaultFleet {
    /// Agency codes and the words GeoData's base records use for them.
    static let agencies: [(code: String, name: String, match: String)] = [
        ("POLAIRUD", "Direktorat Polisi Air dan Udara, Polda Kepulauan Riau", "Polri"),
        ("BAKAMLA", "Badan Keamanan Laut RI (Zona Kamla Barat)", "Bakamla"),
        ("TNI-AL", "TNI Angkatan Laut (Lantamal IV, Koarmada I)", "TNI AL"),
        ("BEA-CUKAI", "Direktorat Jenderal Bea dan Cukai (Kanwil Khusus Kepri)", "DJBC"),
    ]

    /// (call sign, agency, words of the home base's name, speed kn, endurance h, crew)
    static let boats: [(String, String, String, Double, Double, Int)] = [
        ("DEMO-POL-1", "POLAIRUD", "Ditpolairud", 28, 8, 6),
        ("DEMO-POL-2", "POLAIRUD", "Ditpolairud", 25, 10, 8),
        ("DEMO-BKL-1", "BAKAMLA", "Bakamla", 24, 24, 12),
        ("DEMO-TNI-1", "TNI-AL", "relocated to Batam", 22, 48, 30),
        ("DEMO-TNI-2", "TNI-AL", "Lanal Tanjung Balai Karimun", 30, 8, 10),
        ("DEMO-BC-1", "BEA-CUKAI", "PSO", 35, 6, 6),
    ]

    /// The default agencies, every GeoData base of theirs, and the fictional boats.
    /// - Throws: ``KitError`` if GeoData lacks a base the boats need.
    public static func make(geoData: GeoData) throws(KitError) -> (
        agencies: [Agency], bases: [Base], boats: [Boat]
    ) {
        let agencies = try agencies.map { a throws(KitError) in
            try KitError.model { () throws(ModelError) in
                try Agency(code: a.code, name: a.name, country: "ID")
            }
        }
        var bases: [Base] = []
        for place in geoData.bases {
            guard
                let owner = Self.agencies.first(where: {
                    (place.agency ?? "").contains($0.match)
                })
            else { continue }
            let base = try KitError.model { () throws(ModelError) in
                try Base(
                    name: place.name, agency: owner.code, position: place.position,
                    source: place.source)
            }
            bases.append(base)
        }
        var boats: [Boat] = []
        for (call, agency, baseWords, speed, hours, crew) in Self.boats {
            guard let base = bases.first(where: { $0.name.contains(baseWords) }) else {
                throw .geoDataIncomplete(
                    missing: "base whose name contains \"\(baseWords)\"", neededFor: call)
            }
            let boat = try KitError.model { () throws(ModelError) in
                try Boat(
                    callSign: call, agency: agency, homeBase: base.name,
                    cruiseSpeed: Speed(knots: speed),
                    enduranceHours: hours, crew: crew,
                    contact: "VHF 72, call sign \(call) (fictional demo boat)")
            }
            boats.append(boat)
        }
        return (agencies, bases, boats)
    }
}
