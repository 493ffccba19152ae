import Foundation
import Hummingbird
import NIOCore
import SelatKit

/// What a request carries through the server: the client's address and, once the session is
/// read, who is asking.
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The session the request presented (Bearer token or cookie), if it is current.
    var session: Accounts.Session?
    /// The session came from the cookie (writes then need the CSRF token).
    var sessionFromCookie = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies the server decodes itself are limited per route (``StationServer/Limits``); this is
    /// the largest, for imports.
    public var maxUploadSize: Int { StationServer.Limits.importBytes }

    /// The client's address as text (no port), for the audit trail.
    var address: String? {
        switch remoteAddress {
        case .v4(let a)?: a.host
        case .v6(let a)?: a.host
        case .unixDomainSocket?: "local"
        case nil: nil
        }
    }
}
