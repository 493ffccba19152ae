import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatWords

/// The web app's files, embedded in the binary as resources (`Sources/SelatServer/Web`): nothing
/// is loaded from the internet.
struct WebAppRoutes {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Web")

    static let types = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8", "json": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json", "svg": "image/svg+xml", "png": "image/png",
    ]

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/") { _, _ -> Response in try Self.file("index.html") }
        // The service worker is served from the root so that it may keep the whole app offline.
        router.get("/sw.js") { _, _ -> Response in
            var response = try Self.file("sw.js")
            response.headers[HTTPField.Name("Service-Worker-Allowed")!] = "/"
            return response
        }
        router.get("/app/{name}") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            // The web app's words in both languages, from the one catalogue.
            if name == "words.json" {
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/json; charset=utf-8", .cacheControl: "no-cache",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: Self.words)))
            }
            return try Self.file(name)
        }
    }

    /// `{"en": {key: text}, "id": {…}}` for the catalogue's `web.`, `activity.`, `vessel.` and
    /// `compass.` keys.
    static let words: [UInt8] = {
        var object: [String: [String: String]] = [:]
        for (key, texts) in Catalogue.shared.entries
        where ["web.", "activity.", "vessel.", "compass."].contains(where: { key.hasPrefix($0) }) {
            for (language, text) in texts { object[language.rawValue, default: [:]][key] = text }
        }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return [UInt8](data ?? Data("{}".utf8))
    }()

    /// A file of the web app by its name (no folders: `..` and `/` never reach the disk).
    static func file(_ name: String) throws -> Response {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !name.isEmpty, !name.hasPrefix("."), name.allSatisfy({ allowed.contains($0) }),
            let type = types[(name as NSString).pathExtension],
            let data = FileManager.default.contents(
                atPath: folder.appendingPathComponent(name).path)
        else {
            throw Problem.notFound(Phrase("problem.no_such_page"), code: "no_such_route")
        }
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The API's OpenAPI 3.1 description, committed as `Sources/SelatServer/openapi.json`.
enum OpenAPIDocument {
    static let text: String = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("openapi.json")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
    }()
}
