import Foundation
import SelatModel

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sync with a centre's `selat serve` over HTTP(S): `Authorization: Bearer TOKEN`, JSON both
/// ways, the centre's problem documents (RFC 9457) turned into ``SyncError/refused(server:status:code:detail:)``.
public struct HTTPSyncTransport: SyncTransport {
    /// The centre's base address (`https://centre.example:8443`).
    public let server: URL
    let token: String
    /// How long one request may take before the link counts as cut.
    public var timeout: TimeInterval = 120
    /// The language the centre's messages are asked in (`Accept-Language`).
    public var language = "en"
    /// One session for every request: its connection is kept and reused.
    private let session: URLSession

    /// - Throws: ``SyncError/badServerURL(_:)`` unless `server` is an http or https URL.
    public init(server: String, token: String) throws(KitError) {
        var text = server.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else { throw .sync(.badServerURL(server)) }
        self.server = url
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        configuration.timeoutIntervalForResource = 600
        session = URLSession(configuration: configuration)
    }

    public func head(station: String) throws(KitError) -> SyncHead {
        try send("GET", "/api/v1/sync/stations/\(station)", body: nil)
    }

    public func push(_ batch: SyncPush) throws(KitError) -> SyncPushAnswer {
        let body = Data(ResultJSON.text(batch).utf8)
        return try send("POST", "/api/v1/sync/push", body: body)
    }

    public func pull(station: String, after: Int64, limit: Int) throws(KitError)
        -> SyncPullAnswer
    {
        try send(
            "GET", "/api/v1/sync/records?station=\(station)&after=\(after)&limit=\(limit)",
            body: nil)
    }

    /// The answer of one request, decoded.
    private func send<T: Decodable>(_ method: String, _ path: String, body: Data?)
        throws(KitError) -> T
    {
        let name = server.absoluteString
        guard let url = URL(string: name + path) else { throw .sync(.badServerURL(name)) }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue(language, forHTTPHeaderField: "Accept-Language")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let exchange = Exchange()
        let task = session.dataTask(with: request) { data, response, error in
            exchange.finish(data, response as? HTTPURLResponse, error)
        }
        task.resume()
        exchange.done.wait()
        let (data, response, error) = exchange.result
        if let error { throw .sync(.unreachable(server: name, reason: error.localizedDescription)) }
        guard let response, let data else {
            throw .sync(.unreachable(server: name, reason: "no answer"))
        }
        guard (200..<300).contains(response.statusCode) else {
            let problem = try? JSONDecoder().decode(ProblemText.self, from: data)
            throw .sync(
                .refused(
                    server: name, status: response.statusCode, code: problem?.code,
                    detail: problem?.detail ?? problem?.title
                        ?? String(decoding: data.prefix(300), as: UTF8.self)))
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw .sync(.badAnswer(server: name, .unreadable(decoder: "\(error)")))
        }
    }

    /// The parts of a problem document a message needs.
    private struct ProblemText: Decodable {
        let code: String?
        let title: String?
        let detail: String?
    }

    /// One request's answer, handed from URLSession's queue to the waiting caller.
    private final class Exchange: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private(set) var result: (Data?, HTTPURLResponse?, (any Error)?) = (nil, nil, nil)

        func finish(_ data: Data?, _ response: HTTPURLResponse?, _ error: (any Error)?) {
            result = (data, response, error)
            done.signal()
        }
    }
}
