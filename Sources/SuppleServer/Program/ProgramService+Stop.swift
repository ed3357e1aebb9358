import Foundation
import SuppleCore
import SuppleStore

/// "Stop — something's wrong" in the session player: the danger-sign questions are answered
/// again, triage runs on the member's intake with today's answers (the same response as at
/// intake), and the physical therapist is alerted with what the member said.
extension ProgramService {
    /// Records the stop for the care team and returns what the member should do now.
    func stopPressed(_ member: AccountRecord, reasons: [String], dangerSigns answers: [String: JSONValue]) async throws -> TriageResult {
        let triage = try await rescreen(member, answers: answers)
        let now = clock.now()
        let severity: AlertRepository.Severity = triage.tier == .emergency ? .emergency : .urgent
        let said = reasons.isEmpty ? "no reason given" : reasons.joined(separator: ", ")
        let signs = triage.flags.isEmpty ? "" : "; danger signs \(triage.flags.map(\.id).joined(separator: ", "))"
        try await database.transaction { db in
            try await AlertRepository.insert(
                .init(
                    memberID: member.id,
                    severity: severity,
                    audience: .clinical,
                    reason: "Stop pressed: \(said)\(signs)",
                    source: "session",
                    createdAt: now
                ),
                in: db
            )
        }
        return triage
    }

    func rescreen(_ member: AccountRecord, answers: [String: JSONValue]) async throws -> TriageResult {
        let stored = try await database.read { db in try await IntakeRepository.latestSubmitted(accountID: member.id, in: db) }
        var document: [String: JSONValue] = [:]
        if let text = stored?.answers, case .object(let object)? = JSONValue.parse(Data(text.utf8)) { document = object }
        let flat = IntakeForm.flatten(document).merging(answers) { _, new in new }
        document = IntakeForm.build(flat)
        guard let intake = try? IntakeParser.parse(.object(document)) else {
            // Without a usable intake, judge the danger signs alone on a neutral background.
            var neutral = Intake.neutral
            if case .object(let signs)? = document["dangerSigns"] {
                neutral.dangerSigns =
                    IntakeParser.decodeFlags(signs.compactMapValues { if case .bool(let b) = $0 { b } else { nil } }, as: Intake.DangerSigns.self)
                    ?? .init()
            }
            return TriageRules.evaluate(neutral)
        }
        return TriageRules.evaluate(intake)
    }
}
