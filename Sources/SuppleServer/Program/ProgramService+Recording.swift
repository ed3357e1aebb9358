import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// Recording what a member did, shared by the web pages and the API: each checks its fields,
/// writes once (idempotent), and lets the progression engine adapt the plan.
extension ProgramService {
    /// A walk. Returns false when this key was already recorded.
    public func logWalk(_ member: AccountRecord, minutes: Int?, breaks: Int?, painStartedMinute: Int?, pain: Int?, key: String?) async throws -> Bool
    {
        var errors = FieldErrorCollector()
        if minutes == nil || !(1...300).contains(minutes!) { errors.add("minutes", "Enter the minutes you walked, from 1 to 300.") }
        if let breaks, !(0...50).contains(breaks) { errors.add("breaks", "Enter the number of breaks, from 0 to 50.") }
        if let painStartedMinute, !(0...300).contains(painStartedMinute) {
            errors.add("painStartedMinute", "Enter the minute pain started (0 to 300), or leave it out.")
        }
        if pain == nil || !(0...10).contains(pain!) { errors.add("pain", "Choose your pain during the walk, 0 to 10.") }
        if let key, !(8...100).contains(key.count) { errors.add("idempotencyKey", "Use a key of 8 to 100 characters.") }
        try errors.throwIfAny()
        let now = clock.now()
        let recorded = try await database.transaction { db in
            let recorded = try await ActivityRepository.recordWalk(
                key: key ?? SecretToken.generate().value,
                memberID: member.id,
                date: today(for: member).description,
                minutes: minutes!,
                breaks: breaks ?? 0,
                painStartedMinute: painStartedMinute,
                pain: pain!,
                at: now,
                in: db
            )
            if recorded { try await PendingAdaptationRepository.mark(memberID: member.id, at: now, in: db) }
            return recorded
        }
        if recorded { try await adapt(member) }
        return recorded
    }

    /// A daily pain or next-morning check-in. Returns false when today's was already given.
    public func checkIn(_ member: AccountRecord, kind: String?, pain: Int?, answer: String?) async throws -> Bool {
        let date = today(for: member).description
        let now = clock.now()
        switch kind.flatMap(CheckInKind.init(rawValue:)) {
        case .dailyPain:
            guard let pain, (0...10).contains(pain) else { throw ValidationFailure(field: "pain", message: "Choose your pain today, 0 to 10.") }
            return try await database.transaction { db in
                let recorded = try await ActivityRepository.recordCheckIn(
                    memberID: member.id,
                    date: date,
                    kind: CheckInKind.dailyPain.rawValue,
                    answers: "\(pain)",
                    score: Double(pain),
                    at: now,
                    in: db
                )
                if recorded { try await raisePainRiseAlert(member, now: now, in: db) }
                return recorded
            }
        case .nextMorning:
            guard let answer = answer.flatMap(SessionHistory.NextMorning.init(rawValue:)) else {
                throw ValidationFailure(field: "answer", message: "Choose better, same or worse.")
            }
            let recorded = try await database.transaction { db in
                let recorded = try await ActivityRepository.recordCheckIn(
                    memberID: member.id,
                    date: date,
                    kind: CheckInKind.nextMorning.rawValue,
                    answers: answer.rawValue,
                    score: nil,
                    at: now,
                    in: db
                )
                if recorded { try await PendingAdaptationRepository.mark(memberID: member.id, at: now, in: db) }
                return recorded
            }
            if recorded { try await adapt(member) }
            return recorded
        case .weeklySafety:
            throw ValidationFailure(field: "kind", message: "The weekly safety check has its own questions: answer them on its page.")
        case nil:
            throw ValidationFailure(field: "kind", message: "Choose a check-in: daily-pain, next-morning or weekly-safety.")
        }
    }

    /// Pain 2+ points over the starting level three days running asks the physical therapist to
    /// review the plan (PainRiseRule); one open alert at a time.
    func raisePainRiseAlert(_ member: AccountRecord, now: Date, in db: any SQLDatabase) async throws {
        guard let baseline = Self.baselinePain(try await IntakeRepository.latestSubmitted(accountID: member.id, in: db)),
            try await !AlertRepository.hasOpen(memberID: member.id, source: PainRiseRule.source, in: db)
        else { return }
        let ratings = try await ActivityRepository.checkIns(memberID: member.id, in: db)
            .filter { $0.kind == CheckInKind.dailyPain.rawValue }
            .compactMap { record in CalendarDate(iso8601: record.date).map { (date: $0, pain: Int(record.score ?? 0)) } }
        guard let recent = PainRiseRule.sustainedRise(baseline: baseline, ratings: ratings, today: today(for: member)) else { return }
        try await AlertRepository.insert(
            .init(
                memberID: member.id,
                severity: .routine,
                audience: .clinical,
                reason: PainRiseRule.reason(baseline: baseline, recent: recent),
                source: PainRiseRule.source,
                createdAt: now
            ),
            in: db
        )
    }
}
