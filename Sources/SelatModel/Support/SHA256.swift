import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) for content digests, the chain and deterministic identifiers: swift-crypto's
/// (BoringSSL on Linux, vetted), behind the small interface Selat's code uses. `selat-bench sha256`
/// checks it against the FIPS 180-4 examples and a second, portable implementation, and times both.
public struct SHA256: Sendable {
    private var state = Crypto.SHA256()

    /// A fresh hash state.
    public init() {}

    /// Feeds bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let array = bytes as? [UInt8] {
            array.withUnsafeBytes { state.update(bufferPointer: $0) }
        } else {
            Array(bytes).withUnsafeBytes { state.update(bufferPointer: $0) }
        }
    }

    /// Feeds a string's UTF-8 bytes.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { state.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// The 32-byte digest; the state is consumed.
    public consuming func finalize() -> [UInt8] { Array(state.finalize()) }

    /// The digest of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8]
    where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hexadecimal of a digest.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 32 bytes a 64-digit hexadecimal digest stands for (either case), or nil.
    public static func bytes(hex: String) -> [UInt8]? {
        let u = Array(hex.utf8)
        guard u.count == 64 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var i = 0
        while i < 64 {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
