import Foundation
import SelatModel

extension SyncError {
    static func words(_ problem: AnswerProblem, _ n: ControlNames) -> String {
        switch problem {
        case .unreadable(let decoder): n("kit.sync.answer_unreadable", ["decoder": decoder])
        case .nothingAcknowledged(let through):
            n("kit.sync.answer_nothing_acknowledged", ["through": "\(through)"])
        case .pageGoesBack(let from, let next):
            n("kit.sync.answer_page_goes_back", ["from": "\(from)", "next": "\(next)"])
        case .badRecord(let index, let error):
            n(
                "kit.sync.answer_bad_record",
                ["index": "\(index)", "problem": error.words(n.words)])
        }
    }

    /// The error in words, with follow-ups spelled by the front end.
    public func words(_ n: ControlNames) -> String {
        switch self {
        case .badStation(let field, let value):
            n("kit.sync.bad_station", ["field": field, "value": ModelError.clip(value)])
        case .badRecord(let index, let error):
            n("kit.sync.bad_record", ["index": "\(index)", "problem": error.words(n.words)])
        case .tooManyRecords(let count, let limit):
            n("kit.sync.too_many", ["count": "\(count)", "limit": "\(limit)"])
        case .notInOrder(let index, let sequence, let after):
            n(
                "kit.sync.not_in_order",
                ["index": "\(index)", "sequence": "\(sequence)", "after": "\(after)"])
        case .chainBroken(_, let sequence, let id, let after):
            n(
                "kit.sync.chain_broken",
                [
                    "sequence": "\(sequence)", "id": id, "after": "\(after)",
                    "verify": n(.verifyLog),
                ])
        case .historyDiffers(let sequence):
            n("kit.sync.history_differs", ["sequence": "\(sequence)"])
        case .recordDamaged(let sequence, .station):
            n("kit.sync.damaged_station", ["sequence": "\(sequence)", "verify": n(.verifyLog)])
        case .recordDamaged(let sequence, .centre):
            n("kit.sync.damaged_centre", ["sequence": "\(sequence)"])
        case .badServerURL(let text):
            n("kit.sync.bad_server_url", ["value": text])
        case .unreachable(let server, let reason):
            n("kit.sync.unreachable", ["server": server, "reason": reason])
        case .refused(let server, let status, _, let detail) where status == 401:
            n(
                "kit.sync.refused_token",
                ["server": server, "detail": detail, "token": n(.newSyncToken)])
        case .refused(let server, let status, _, let detail):
            n("kit.sync.refused", ["server": server, "status": "\(status)", "detail": detail])
        case .badAnswer(let server, let problem):
            n("kit.sync.bad_answer", ["server": server, "reason": Self.words(problem, n)])
        }
    }
}
