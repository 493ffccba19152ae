import Testing

@testable import SelatGeo

@Suite("Positions written the Indonesian way")
struct IndonesianPositionTests {
    // 10.5' = 0.175°, 2.3' = 0.038333…°, 54.6' = 0.91°.
    @Test(
        "reads LU/LS/BT/BB and the decimal comma",
        arguments: [
            ("1°10,5' LU 104°02,3' BT", 1.175, 104.038_333),
            ("0°54,6' LS 104°24,0' BT", -0.91, 104.4),
            ("0,9 LS 104,4 BT", -0.9, 104.4),
            ("LU 1°10,5' BT 104°02,3'", 1.175, 104.038_333),
            ("1°10,5' LU, 104°02,3' BT", 1.175, 104.038_333),
            ("1°10,5' 104°02,3'", 1.175, 104.038_333),
            ("1 10,5 U 104 02,3 T", 1.175, 104.038_333),
            ("1°10.5' lu 104°02.3' bt", 1.175, 104.038_333),
            ("104°02,3' BT 1°10,5' LU", 1.175, 104.038_333),
            ("0°30' LS 10°30' BB", -0.5, -10.5),
            ("1.1234, 104.0567", 1.1234, 104.0567),
        ])
    func reads(_ text: String, _ lat: Double, _ lon: Double) throws {
        let c = try Coordinate(parsing: text)
        #expect(abs(c.latitude - lat) < 1e-6, "\(text)")
        #expect(abs(c.longitude - lon) < 1e-6, "\(text)")
    }

    @Test(
        "refuses a comma that could be either, and mixed decimal marks",
        arguments: [
            ("1,5 104,5", "or write the hemispheres: 1,5 LU 104,5 BT"),
            ("1.5,3 LU 104 BT", "both a decimal point and a decimal comma"),
            ("1°10,5' LX 104 BT", "unexpected"),
            ("1°10,5' LU 104°02,3' LU", "two latitudes"),
        ])
    func refuses(_ text: String, _ expected: String) {
        #expect { try Coordinate(parsing: text) } throws: {
            ($0 as? GeoError)?.description.contains(expected) == true
        }
    }

    @Test("writes LU/LS/BT/BB with the decimal comma, and reads it back")
    func writes() throws {
        let batam = try Coordinate(latitude: 1.175, longitude: 104.038_333_333)
        #expect(batam.formatted(.degreesMinutesIndonesian) == "1°10,500' LU 104°02,300' BT")
        let south = try Coordinate(latitude: -0.91, longitude: -104.4)
        #expect(south.formatted(.degreesMinutesIndonesian) == "0°54,600' LS 104°24,000' BB")
        for c in [batam, south] {
            let back = try Coordinate(parsing: c.formatted(.degreesMinutesIndonesian))
            #expect(abs(back.latitude - c.latitude) < 1e-5)
            #expect(abs(back.longitude - c.longitude) < 1e-5)
        }
    }
}
