import Foundation
import SelatGeo
import SelatModel

/// Agencies, bases and boats: added, listed, removed; each write in one transaction.
extension SelatDatabase {
    /// Stores agencies, bases and boats together (all or none), e.g. a default fleet.
    /// - Throws: ``StoreError/nameTaken(kind:name:)`` for the first key in use, or
    ///   ``StoreError/notFound(kind:key:)`` for an agency or base that does not exist.
    public func add(agencies: [Agency] = [], bases: [Base] = [], boats: [Boat] = [])
        throws(StoreError)
    {
        do {
            try transaction { db in
                for a in agencies {
                    if try db.value("SELECT 1 FROM agency WHERE code = ?", [a.code], as: Int.self)
                        != nil
                    {
                        throw StoreError.nameTaken(kind: "agency", name: a.code)
                    }
                    try db.execute(
                        "INSERT INTO agency (code, name, country) VALUES (?, ?, ?)",
                        [a.code, a.name, a.country])
                }
                for b in bases {
                    try Self.requireAgency(b.agency, db)
                    if try db.value(
                        "SELECT 1 FROM base WHERE lower(name) = lower(?)", [b.name], as: Int.self)
                        != nil
                    {
                        throw StoreError.nameTaken(kind: "base", name: b.name)
                    }
                    try db.execute(
                        "INSERT INTO base (name, agency, lat, lon, source) VALUES (?, ?, ?, ?, ?)",
                        [
                            b.name, b.agency, b.position.latitude, b.position.longitude, b.source,
                        ])
                }
                for boat in boats {
                    try Self.requireAgency(boat.agency, db)
                    // A boat may sail from another agency's base: joint patrols share piers.
                    if try db.value(
                        "SELECT 1 FROM base WHERE lower(name) = lower(?)", [boat.homeBase],
                        as: Int.self)
                        == nil
                    {
                        throw StoreError.notFound(kind: "base", key: boat.homeBase)
                    }
                    if try db.value(
                        "SELECT 1 FROM boat WHERE callsign = ?", [boat.callSign], as: Int.self)
                        != nil
                    {
                        throw StoreError.nameTaken(kind: "boat", name: boat.callSign)
                    }
                    try db.execute(
                        """
                        INSERT INTO boat (callsign, agency, home_base, speed_kn, endurance_h, crew, waters, contact)
                        VALUES (?, ?, (SELECT name FROM base WHERE lower(name) = lower(?)), ?, ?, ?, ?, ?)
                        """,
                        [
                            boat.callSign, boat.agency, boat.homeBase, boat.cruiseSpeed.knots,
                            boat.enduranceHours,
                            boat.crew, boat.waters.rawValue, boat.contact,
                        ])
                }
            }
        } catch { throw StoreError.wrap(error) }
    }

    private static func requireAgency(_ code: String, _ db: any SQLRunner) throws {
        if try db.value("SELECT 1 FROM agency WHERE code = ?", [code], as: Int.self)
            == nil
        {
            throw StoreError.notFound(kind: "agency", key: code)
        }
    }

    public func agencies() throws(StoreError) -> [Agency] {
        try reading { db in
            try db.rows("SELECT code, name, country FROM agency ORDER BY code", []).map {
                row in
                try Agency(code: row["code"], name: row["name"], country: row["country"])
            }
        }
    }

    public func bases() throws(StoreError) -> [Base] {
        try reading { db in
            try db.rows(
                "SELECT name, agency, lat, lon, source FROM base ORDER BY agency, lower(name), name",
                []
            ).map { row in
                try Base(
                    name: row["name"], agency: row["agency"],
                    position: Coordinate(latitude: row["lat"], longitude: row["lon"]),
                    source: row["source"])
            }
        }
    }

    public func boats() throws(StoreError) -> [Boat] {
        try reading { db in
            try db.rows(
                "SELECT callsign, agency, home_base, speed_kn, endurance_h, crew, waters, contact FROM boat ORDER BY agency, callsign",
                []
            )
            .map { row in
                try Boat(
                    callSign: row["callsign"], agency: row["agency"], homeBase: row["home_base"],
                    cruiseSpeed: Speed(knots: row["speed_kn"]), enduranceHours: row["endurance_h"],
                    crew: row["crew"],
                    waters: Boat.Waters(parsing: row["waters"] as String), contact: row["contact"])
            }
        }
    }

    /// Removes an agency that has no bases or boats.
    /// - Throws: ``StoreError/notFound(kind:key:)``, or ``StoreError/inUse(kind:key:by:)`` naming what uses it.
    public func removeAgency(_ code: String) throws(StoreError) {
        try remove(
            kind: "agency", table: "agency", keyColumn: "code", key: code.uppercased(),
            users: [
                ("base", "SELECT name FROM base WHERE agency = ?"),
                ("boat", "SELECT callsign FROM boat WHERE agency = ?"),
            ])
    }

    /// Removes a base no boat calls home.
    public func removeBase(_ name: String) throws(StoreError) {
        try remove(
            kind: "base", table: "base", keyColumn: "name",
            key: name.trimmingCharacters(in: .whitespaces),
            users: [
                ("boat", "SELECT callsign FROM boat WHERE lower(home_base) = lower(?)")
            ])
    }

    /// Removes a boat.
    public func removeBoat(_ callSign: String) throws(StoreError) {
        try remove(
            kind: "boat", table: "boat", keyColumn: "callsign", key: callSign.uppercased(),
            users: [])
    }

    private func remove(
        kind: String, table: String, keyColumn: String, key: String, users: [(String, String)]
    ) throws(StoreError) {
        do {
            try transaction { db in
                guard
                    try db.value(
                        "SELECT 1 FROM \(table) WHERE lower(\(keyColumn)) = lower(?)", [key],
                        as: Int.self)
                        != nil
                else {
                    throw StoreError.notFound(kind: kind, key: key)
                }
                for (userKind, sql) in users {
                    let names = try db.values(sql, [key], as: String.self)
                    if !names.isEmpty {
                        let list =
                            names.prefix(5).joined(separator: ", ")
                            + (names.count > 5 ? " and \(names.count - 5) more" : "")
                        throw StoreError.inUse(
                            kind: kind, key: key,
                            by: "\(userKind)\(names.count == 1 ? "" : "s") \(list)")
                    }
                }
                try db.execute("DELETE FROM \(table) WHERE lower(\(keyColumn)) = lower(?)", [key])
            }
        } catch { throw StoreError.wrap(error) }
    }
}
