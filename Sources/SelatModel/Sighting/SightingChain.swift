import Foundation

/// The tamper-evident chain over the sighting log: each record's hash covers its content digest,
/// its id, when it was stored, what it corrects and why, and the hash of the record before it.
/// Editing, deleting, inserting or reordering a record outside Selat breaks the chain at that
/// record (`selat verify` names it); a chain head written down elsewhere (an evidence bundle's
/// manifest, a station log) also shows records cut from the end.
public enum SightingChain {
    /// The hash before the first record: 32 zero bytes.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The record's chain hash.
    public static func link(
        previous: [UInt8], id: String, content: [UInt8], createdAt: Int64,
        supersedes: String?, reason: String?
    ) -> [UInt8] {
        var e = CanonicalEncoder(capacity: 160 + (reason?.utf8.count ?? 0))
        e.text("selat-chain-v1")
        e.bytesField(previous)
        e.text(id)
        e.bytesField(content)
        e.word(0x49, UInt64(bitPattern: createdAt))
        e.text(supersedes)
        e.text(reason)
        return SHA256.hash(e.bytes)
    }
}

extension SightingChain {
    /// The seal over a record's stored values that are not part of its content digest: the UTC
    /// offset the time was written in (shown and exported as written) — bound to the record's
    /// content digest. `selat verify` recomputes it, so an edit of the offset is named like any
    /// other. (Computed with the digest, off the writer's thread, during imports.)
    public static func seal(content: [UInt8], offsetMinutes: Int) -> [UInt8] {
        var e = CanonicalEncoder(capacity: 80)
        e.text("selat-seal-v1")
        e.bytesField(content)
        e.word(0x49, UInt64(bitPattern: Int64(offsetMinutes)))
        return SHA256.hash(e.bytes)
    }
}

/// The chain over case membership (`selat evidence case add`): which sightings belong to a case
/// decides what an evidence bundle for that case holds, so removing one from a case, or adding
/// one, outside Selat must be named by `selat verify` like an edit of a sighting.
public enum CaseChain {
    /// The entry's link: SHA-256 over "selat-case-v1", the previous link, the case name, the
    /// sighting id and when it was added.
    public static func link(previous: [UInt8], name: String, sightingID: String, addedAt: Int64)
        -> [UInt8]
    {
        var e = CanonicalEncoder(capacity: 96 + name.utf8.count + sightingID.utf8.count)
        e.text("selat-case-v1")
        e.bytesField(previous)
        e.text(name)
        e.text(sightingID)
        e.word(0x49, UInt64(bitPattern: addedAt))
        return SHA256.hash(e.bytes)
    }
}

extension CanonicalEncoder {
    /// Raw bytes: their count in decimal, '#', the bytes.
    mutating func bytesField(_ value: [UInt8]) {
        appendRaw(Array(String(value.count).utf8) + [0x23] + value)
    }
}
