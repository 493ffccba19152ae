import ArgumentParser
import Foundation
import SelatKit
import SelatModel

/// The content digests and the chain hash SHA-256 over a few hundred bytes per sighting: the
/// portable implementation Selat used to carry (``PortableSHA256``) beside swift-crypto's, which
/// `SelatModel.SHA256` now wraps — checked first against the FIPS 180-4 examples and each other.
struct DigestBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256",
        abstract: "SHA-256: Selat's own beside swift-crypto's, checked, then timed.")
    @Option(help: "Messages to hash, each the size of a sighting's canonical content.")
    var messages = 1_000_000
    @Option(help: "Bytes per message.") var size = 220

    func run() throws {
        // 1. The same answers: NIST examples, then random messages of every length up to 300 bytes.
        let examples: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                String(repeating: "a", count: 1_000_000),
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
            ),
        ]
        for (text, expected) in examples {
            let own = SelatModel.SHA256.hex(PortableSHA256.hash(Array(text.utf8)))
            let vetted = SelatModel.SHA256.hex(SelatModel.SHA256.hash(Array(text.utf8)))
            guard own == expected, vetted == expected else {
                throw ValidationError("SHA-256 of a FIPS 180-4 example differs: \(own) \(vetted)")
            }
        }
        var rng = SeededGenerator(seed: 9)
        for length in 0...300 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                guard PortableSHA256.hash(bytes) == SelatModel.SHA256.hash(bytes) else {
                    throw ValidationError("the two SHA-256 differ on a \(length)-byte message")
                }
            }
        }
        print("SHA-256: the FIPS 180-4 examples and 6,020 random messages (0–300 bytes) agree")

        // 2. Time: many sighting-sized messages, then one long buffer.
        let message = (0..<size).map { _ in UInt8.random(in: 32...126, using: &rng) }
        let clock = ContinuousClock()
        var sink: UInt8 = 0
        var variant = message
        let own = clock.measure {
            for k in 0..<messages {
                variant[0] = UInt8(truncatingIfNeeded: k)
                sink &+= PortableSHA256.hash(variant)[0]
            }
        }
        let vetted = clock.measure {
            for k in 0..<messages {
                variant[0] = UInt8(truncatingIfNeeded: k)
                sink &+= SelatModel.SHA256.hash(variant)[0]
            }
        }
        let long = [UInt8](repeating: 0x61, count: 64 << 20)
        let ownLong = clock.measure { sink &+= PortableSHA256.hash(long)[0] }
        let vettedLong = clock.measure { sink &+= SelatModel.SHA256.hash(long)[0] }
        func perHash(_ d: Duration) -> Double { seconds(d) / Double(messages) * 1e6 }
        func mbps(_ d: Duration) -> Double { 64 / seconds(d) }
        print(
            String(
                format:
                    "%d messages of %d bytes: portable %.2f µs a hash, swift-crypto (Selat's SHA256) %.2f µs (%.2fx)",
                messages, size, perHash(own), perHash(vetted), seconds(own) / seconds(vetted)))
        print(
            String(
                format: "64 MiB in one hash: portable %.0f MiB/s, swift-crypto %.0f MiB/s (%.2fx)",
                mbps(ownLong), mbps(vettedLong), seconds(ownLong) / seconds(vettedLong)))
        print("(checksum \(sink))")
    }
}
