import Foundation
import SelatModel

/// Why a station sync (`selat sync`, `/api/v1/sync/…`) stopped: at the centre, a batch refused
/// as a whole; at the station, the centre unreachable or refusing. Nothing is half-stored: what
/// was acknowledged stays acknowledged, and the next sync resumes from there.
public enum SyncError: Error, Sendable, Equatable {
    /// The station id or name is not usable.
    case badStation(field: String, value: String)
    /// A record of the batch (its index) is not a valid sighting record; the field is named.
    case badRecord(index: Int, ModelError)
    /// More records in one batch than the centre takes.
    case tooManyRecords(Int, limit: Int)
    /// The batch's log positions do not increase.
    case notInOrder(index: Int, sequence: Int64, after: Int64)
    /// A record does not follow, in the station's chain, the last record the centre holds from
    /// that station (or the record before it in the batch).
    case chainBroken(index: Int, sequence: Int64, id: String, after: Int64)
    /// The centre holds a different record at this position of the station's log: the log
    /// syncing now is not the one that sent it (restored from an older copy, or replaced).
    case historyDiffers(sequence: Int64)
    /// A record of the log that would be sent fails verification: nothing from it on is sent.
    case recordDamaged(sequence: Int64, side: Side)
    /// The server's address is not an http(s) URL.
    case badServerURL(String)
    /// The centre could not be reached (or the link dropped); the sync can be run again.
    case unreachable(server: String, reason: String)
    /// The centre answered with an error (its status, code and words).
    case refused(server: String, status: Int, code: String?, detail: String)
    /// The centre's answer cannot be used; nothing of it was stored.
    case badAnswer(server: String, AnswerProblem)

    /// What is wrong with an answer of the centre.
    public enum AnswerProblem: Sendable, Equatable {
        /// Not the JSON the route answers with (the decoder's own words, as data).
        case unreadable(decoder: String)
        /// A push was answered without acknowledging anything past `through`.
        case nothingAcknowledged(through: Int64)
        /// A page of records says it ends before the position it was asked from.
        case pageGoesBack(from: Int64, next: Int64)
        /// A record of a page (its index from 0) is not a valid sighting record.
        case badRecord(index: Int, ModelError)
    }

    /// Which side's log.
    public enum Side: String, Sendable, Equatable {
        case station, centre
    }
}
