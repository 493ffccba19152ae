import Foundation

/// The portable SHA-256 (FIPS 180-4) Selat used for its digests until issue 22 measured it against
/// swift-crypto's (`selat-bench sha256`: 3× slower per sighting-sized message on this machine), kept
/// as the benchmark's second implementation: each is checked against the other and the FIPS examples.
struct PortableSHA256: Sendable {
    private var h: [UInt32] = Self.fractionBits(of: Self.primes.prefix(8), root: 2)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    /// The first 64 primes.
    private static let primes: [Int] = (2...311).filter { n in
        !(2..<n).contains { n % $0 == 0 }
    }
    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
    /// 64 primes (§5.3.3 takes square roots of the first eight for the initial hash). A Double
    /// carries them with 20 bits to spare; the FIPS examples the benchmark checks would catch a
    /// wrong one.
    private static let k: [UInt32] = fractionBits(of: primes, root: 3)

    private static func fractionBits(of primes: some Sequence<Int>, root: Int) -> [UInt32] {
        primes.map { p in
            let r = root == 2 ? Double(p).squareRoot() : cbrt(Double(p))
            return UInt32((r - r.rounded(.down)) * 4_294_967_296)
        }
    }

    /// A fresh hash state.
    public init() { buffer.reserveCapacity(64) }

    /// Feeds bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = bytes as? [UInt8] ?? Array(bytes)
        array.withUnsafeBufferPointer { update($0) }
    }

    /// Feeds a string's UTF-8 bytes.
    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    private mutating func update(_ input: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        length &+= UInt64(input.count)
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, input.count)
            buffer.append(contentsOf: input[0..<take])
            offset = take
            if buffer.count == 64 {
                buffer.withUnsafeBufferPointer { full in
                    if let base = full.baseAddress { compress(base) }
                }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if let base = input.baseAddress {
            while input.count - offset >= 64 {
                compress(base + offset)
                offset += 64
            }
        }
        if offset < input.count { buffer.append(contentsOf: input[offset...]) }
    }

    /// The 32-byte digest; the state is consumed.
    public consuming func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            for start in stride(from: 0, to: p.count, by: 64) { compress(base + start) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in h {
            for shift in stride(from: 24, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return out
    }

    /// The digest of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8]
    where Bytes.Element == UInt8 {
        var hasher = PortableSHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }

    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        h.withUnsafeMutableBufferPointer { state in
            Self.k.withUnsafeBufferPointer { k in Self.compress(block, state: state, k: k) }
        }
    }

    /// One 64-byte block (FIPS 180-4 §6.2.2). Static, with the schedule on the stack: the loop
    /// touches no captured or class state.
    private static func compress(
        _ block: UnsafePointer<UInt8>, state h: UnsafeMutableBufferPointer<UInt32>,
        k: UnsafeBufferPointer<UInt32>
    ) {
        var w = (
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
        )
        withUnsafeMutableBytes(of: &w) { raw in
            let w16 = raw.bindMemory(to: UInt32.self)
            for i in 0..<16 {
                w16[i] =
                    UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16
                    | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let wi: UInt32
                if i < 16 {
                    wi = w16[i]
                } else {
                    // Rolling 16-word schedule.
                    let w15 = w16[(i - 15) & 15]
                    let w2 = w16[(i - 2) & 15]
                    let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                    let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                    wi = w16[i & 15] &+ s0 &+ w16[(i - 7) & 15] &+ s1
                    w16[i & 15] = wi
                }
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ wi
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
            }
            h[0] &+= a
            h[1] &+= b
            h[2] &+= c
            h[3] &+= d
            h[4] &+= e
            h[5] &+= f
            h[6] &+= g
            h[7] &+= hh
        }
    }
}
