import Foundation
import SuppleCore
import SuppleStore

/// The weekly safety check, shared by the web page and the API: every question answered, the
/// answers judged by the triage rules, stored once a day, and the care team alerted at the tier
/// found (danger signs) or for spreading symptoms.
extension ProgramService {
    static let safetyCheckSource = "safety-check"

    public struct SafetyCheckResult: Sendable {
        public let outcome: WeeklySafetyCheck.Outcome
        public let recorded: Bool
    }

    public func weeklySafetyCheck(_ member: AccountRecord, answers: [String: Bool?]) async throws -> SafetyCheckResult {
        var errors = FieldErrorCollector()
        var given: [String: Bool] = [:]
        for question in WeeklySafetyCheck.questions {
            if let answer = answers[question.key] ?? nil { given[question.key] = answer } else { errors.add(question.key, "Answer yes or no.") }
        }
        try errors.throwIfAny()
        let outcome = WeeklySafetyCheck.evaluate(given, intake: try await LatestIntake.read(member.id, from: database))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(given), as: UTF8.self)
        let now = clock.now()
        let recorded = try await database.transaction { db -> Bool in
            let recorded = try await ActivityRepository.recordCheckIn(
                memberID: member.id,
                date: today(for: member).description,
                kind: CheckInKind.weeklySafety.rawValue,
                answers: json,
                score: Double(outcome.yesCount),
                at: now,
                in: db
            )
            // The day's answer is kept once, but a sign answered again the same day (after a
            // first "all no") still reaches the care team, unless one is already open.
            if !recorded, try await AlertRepository.hasOpen(memberID: member.id, source: Self.safetyCheckSource, in: db) { return recorded }
            // Only the emergency danger signs are asked (WeeklySafetyCheck), so a flag is an emergency.
            if outcome.triage.tier == .emergency {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .emergency,
                        audience: .clinical,
                        reason:
                            "Weekly safety check: emergency sign (\(outcome.triage.flags.map(\.id).joined(separator: ", "))): member told to seek emergency care",
                        source: Self.safetyCheckSource,
                        createdAt: now
                    ),
                    in: db
                )
            }
            if outcome.symptomsSpread {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .urgent,
                        audience: .clinical,
                        reason: "Weekly safety check: symptoms have spread further down a leg or arm",
                        source: Self.safetyCheckSource,
                        createdAt: now
                    ),
                    in: db
                )
            }
            return recorded
        }
        return SafetyCheckResult(outcome: outcome, recorded: recorded)
    }
}
