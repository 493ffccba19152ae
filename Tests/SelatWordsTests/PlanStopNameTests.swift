import SelatAnalysis
import SelatModel
import SelatWords
import Testing

@testable import SelatKit

/// The stop names the planner makes, spoken in Indonesian in briefings.
@Suite("Stop names in the reader's language")
struct PlanStopNameTests {
    static let id = Words(.id)

    @Test("names the planner makes are spoken in Indonesian; English stays as stored")
    func spoken() {
        let southEast = PlaceReference(name: "Nongsapura", distanceNm: 3.84, bearingDegrees: 135)
        let cell = PlanStopName.target("cell -11:42", southEast.words)
        #expect(cell == "cell -11:42 (3.8 nm SE of Nongsapura)")
        #expect(
            PlanStopName.spoken(cell, Self.id)
                == "sel -11:42 (3,8 mil laut arah TG dari Nongsapura)")
        #expect(PlanStopName.spoken(cell, Words(.en)) == cell)

        let near = PlaceReference(name: "Batu Ampar Port", distanceNm: 0.2, bearingDegrees: 10)
        let cluster = PlanStopName.target("cluster 3", near.words)
        #expect(PlanStopName.spoken(cluster, Self.id) == "klaster 3 (di Batu Ampar Port)")

        let meeting = PlanStopName.rendezvous(cell)
        #expect(
            PlanStopName.spoken(meeting, Self.id)
                == "Titik temu di sel -11:42 (3,8 mil laut arah TG dari Nongsapura)")
        // Every compass point the planner writes has its Indonesian letters.
        var seen: Set<String> = []
        for bearing in stride(from: 0.0, to: 360, by: 45) {
            let place = PlaceReference(name: "X", distanceNm: 2, bearingDegrees: bearing)
            let text = PlanStopName.spoken(PlanStopName.target("cell 1:1", place.words), Self.id)
            #expect(text.contains("mil laut arah") && !text.contains(" nm "), "\(text)")
            seen.insert(text)
        }
        #expect(seen.count == 8)
    }

    @Test(
        "every activity, vessel type, emerging pattern and Gi* bin the model knows has its words in both languages"
    )
    func derivedKeys() {
        let keys =
            Array(ReportDocument.valueKeys.values) + Array(ReportDocument.patternKeys.values)
            + Array(MapBuilder.binKeys.values)
        #expect(
            ReportDocument.valueKeys.count
                == Set(Activity.allCases.map(\.rawValue)).union(VesselType.allCases.map(\.rawValue))
                .count)
        #expect(ReportDocument.patternKeys.count == EmergingHotSpots.Pattern.allCases.count + 1)
        for key in keys {
            let entry = Catalogue.shared.entries[key]
            #expect(entry?[.en] != nil && entry?[.id] != nil, "\(key) is not in the catalogue")
        }
        #expect(ReportDocument.value("illegal_fishing", Self.id) == "pencurian ikan")
        #expect(ReportDocument.value("tug", Self.id) == "kapal tunda")
        #expect(
            MapBuilder.runText("Hot spot, 99% confidence; Persistent hot spot", Self.id)
                == "Titik rawan, keyakinan 99%; Titik rawan menetap")
    }

    @Test("names the planner did not make are shown as they are")
    func others() {
        for name in ["Ditpolairud Polda Kepri pier (Sekupang, Batam)", "1.19 103.95", "Nongsapura"]
        {
            #expect(PlanStopName.spoken(name, Self.id) == name)
        }
    }
}
