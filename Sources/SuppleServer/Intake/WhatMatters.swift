import Foundation
import SuppleCore
import SuppleStore

/// The activities that matter to a member (PSFS) and their goal, added to their intake after
/// the first session. The intake's `psfs` and `goals` keys, even empty, mean the member was
/// asked: "Not now" stores them empty, so Today stops asking.
extension IntakeService {
    /// Whether the member has yet to be asked what matters to them.
    func whatMattersUnasked(for memberID: UUID) async throws -> Bool {
        guard let document = try await submittedDocument(memberID) else { return false }
        return document["psfs"] == nil && document["goals"] == nil
    }

    /// The answers stored so far, as the form shows them.
    func whatMattersShown(for memberID: UUID) async throws -> [String: [String]] {
        guard let document = try await submittedDocument(memberID) else { return [:] }
        return IntakeForm.shownValues(document.filter { $0.key == "psfs" || $0.key == "goals" })
    }

    /// Stores the activities and goal (both may be empty) on the latest submitted intake, checked
    /// by the intake's own reader, with an audit event; the decision is unchanged.
    func saveWhatMatters(_ answers: [String: JSONValue], for account: AccountRecord, clientAddress: String?) async throws {
        let built = IntakeForm.build(answers)
        let now = clock.now()
        try await database.transaction { db in
            guard let record = try await IntakeRepository.latestSubmitted(accountID: account.id, in: db),
                case .object(var document)? = JSONValue.parse(Data(record.answers.utf8))
            else { return }
            document["psfs"] = built["psfs"] ?? .array([])
            document["goals"] = built["goals"] ?? .string("")
            _ = try IntakeParser.parse(.object(document))
            try await IntakeRepository.updateSubmittedAnswers(id: record.id, answers: JSONValue.object(document).jsonText, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "intake.what_matters_saved",
                    subjectAccountID: account.id,
                    detail: "activities=\(built["psfs"]?.arrayCount ?? 0)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
    }

    private func submittedDocument(_ memberID: UUID) async throws -> [String: JSONValue]? {
        guard let record = try await database.read({ db in try await IntakeRepository.latestSubmitted(accountID: memberID, in: db) }),
            case .object(let document)? = JSONValue.parse(Data(record.answers.utf8))
        else { return nil }
        return document
    }
}

extension JSONValue {
    fileprivate var arrayCount: Int? { if case .array(let items) = self { items.count } else { nil } }
}
