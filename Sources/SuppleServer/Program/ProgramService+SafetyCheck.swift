import Foundation
import SuppleCore
import SuppleStore

/// The weekly safety check, shared by the web page and the API: every question answered, the
/// answers judged by the triage rules, stored once a day, and the care team alerted at the tier
/// found (danger signs) or for spreading symptoms.
extension ProgramService {
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
        let stored = try await database.read { db in try await IntakeRepository.latestSubmitted(accountID: member.id, in: db) }
        let intake = stored.flatMap { try? IntakeParser.parse(Data($0.answers.utf8)) }
        let outcome = WeeklySafetyCheck.evaluate(given, intake: intake)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(given), as: UTF8.self)
        let now = clock.now()
        let recorded = try await database.transaction { db -> Bool in
            guard try await ActivityRepository.recordCheckIn(memberID: member.id, date: today(for: member).description, kind: CheckInKind.weeklySafety.rawValue,
                                                            answers: json, score: Double(outcome.yesCount), at: now, in: db) else { return false }
            let flags = outcome.triage.flags.map(\.id).joined(separator: ", ")
            switch outcome.triage.tier {
            case .emergency:
                try await AlertRepository.insert(.init(memberID: member.id, severity: .emergency, audience: .clinical,
                    reason: "Weekly safety check: emergency sign (\(flags)): member told to seek emergency care", source: "safety-check", createdAt: now), in: db)
            case .urgent, .routine:
                try await AlertRepository.insert(.init(memberID: member.id, severity: .urgent, audience: .clinical,
                    reason: "Weekly safety check: \(flags)", source: "safety-check", createdAt: now), in: db)
            case .none:
                break
            }
            if outcome.symptomsSpread {
                try await AlertRepository.insert(.init(memberID: member.id, severity: .urgent, audience: .clinical,
                    reason: "Weekly safety check: symptoms have spread further down a leg or arm", source: "safety-check", createdAt: now), in: db)
            }
            return true
        }
        return SafetyCheckResult(outcome: outcome, recorded: recorded)
    }
}
