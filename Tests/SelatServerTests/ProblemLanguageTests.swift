import Foundation
import HTTPTypes
import HummingbirdTesting
import SelatTestSupport
import Testing

/// Problem documents are worded in the request's language: an officer whose phone reads
/// Indonesian sees why a sighting was refused in Indonesian, with the same codes and fields.
@Suite("Problem documents in the user's language")
struct ProblemLanguageTests {
    static let indonesian: HTTPFields = [.acceptLanguage: "id-ID,id;q=0.9,en;q=0.5"]

    /// The English catalogue sentences found in `text`.
    static func english(in text: String) -> [String] {
        englishSentencesOfTheCatalogue().filter { text.contains($0.text) }.map(\.key)
    }

    @Test("a refused sighting says why in Indonesian, with the same code, field and value")
    func refusedSightingInIndonesian() async throws {
        let harness = try ServerHarness("problem-id")
        try await harness.run { client in
            let token = try await client.login("officer1").token
            var record = sightingJSON("a7d1c3e0-0000-4000-8000-000000000001")
            record["lat"] = nil
            record["lon"] = nil
            record["position"] = "1°70' LU 104°02' BT"
            let id = try await client.send(
                .post, "/api/v1/sightings", token: token, json: record,
                headers: Self.indonesian)
            #expect(id.status == .unprocessableContent)
            #expect(id.json["field"] as? String == "position")
            let detail = id.json["detail"] as? String ?? ""
            #expect(detail.contains("tidak dapat dibaca"), "\(detail)")
            #expect(detail.contains("menit \"70\" harus paling kecil 0"), "\(detail)")
            #expect(id.json["title"] as? String == "Ada nilai yang tidak sah")
            #expect(Self.english(in: id.body).isEmpty, "\(Self.english(in: id.body))")

            let en = try await client.send(.post, "/api/v1/sightings", token: token, json: record)
            #expect(en.json["code"] as? String == id.json["code"] as? String)
            #expect((en.json["detail"] as? String ?? "").contains("cannot read the position"))
        }
    }

    @Test("a sighting on land, a wrong login and a missing session are refused in Indonesian")
    func otherRefusalsInIndonesian() async throws {
        let harness = try ServerHarness("problem-id-land")
        try await harness.run { client in
            let token = try await client.login("officer1").token
            var record = sightingJSON("a7d1c3e0-0000-4000-8000-000000000002")
            record["lat"] = 1.08
            record["lon"] = 104.03  // inland Batam
            let land = try await client.send(
                .post, "/api/v1/sightings", token: token, json: record,
                headers: Self.indonesian)
            #expect(land.status == .unprocessableContent)
            #expect(land.json["code"] as? String == "position_on_land")
            #expect(
                (land.json["detail"] as? String ?? "").contains("berada di darat"), "\(land.body)")
            #expect((land.json["detail"] as? String ?? "").contains("`allow_land`"))
            #expect(Self.english(in: land.body).isEmpty, "\(Self.english(in: land.body))")

            let wrong = try await client.send(
                .post, "/api/v1/session",
                json: ["username": "officer1", "password": "not it at all"],
                headers: Self.indonesian)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["title"] as? String == "Nama pengguna atau kata sandi salah")

            let none = try await client.send(
                .get, "/api/v1/sightings", headers: [.acceptLanguage: "id"])
            #expect(none.status == .unauthorized)
            #expect(none.json["title"] as? String == "Masuk (login) dulu")

            let unknown = try await client.send(
                .post, "/api/v1/sightings?lang=id", token: token, json: ["colour": "red"])
            #expect(unknown.json["code"] as? String == "unknown_field")
            #expect(
                (unknown.json["detail"] as? String ?? "").contains("bukan kolom laporan kontak"))
        }
    }
}
