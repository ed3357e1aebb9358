import Foundation
import SuppleCore
import SuppleStore

/// Questionnaires for the web pages and the API alike: which are due, the PSFS activities to ask
/// about, and scoring and storing an answer with the alerts it raises.
extension ProgramService {
    /// The activities the member named at intake (PSFS), or walking if they named none.
    func psfsActivities(for member: AccountRecord) async throws -> [String] {
        let stored = try await database.read { db in try await IntakeRepository.latestSubmitted(accountID: member.id, in: db) }
        if let text = stored?.answers, case .object(let document)? = JSONValue.parse(Data(text.utf8)), case .array(let items)? = document["psfs"] {
            let names = items.compactMap { item -> String? in
                if case .object(let fields) = item, case .string(let name)? = fields["activity"] { return name }
                return nil
            }
            if !names.isEmpty { return names }
        }
        return ["Walk for as long as you would like"]
    }

    /// Scores and stores a questionnaire; a positive mood screen asks the coach to reach out, and a
    /// clearly worse rating of change asks the physical therapist to review.
    func recordQuestionnaire(_ kind: Questionnaire, answers: [String: Int], for member: AccountRecord) async throws -> Questionnaire.Result {
        let result = try kind.score(answers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(answers), as: UTF8.self)
        let now = clock.now()
        let date = today(for: member).description
        try await database.transaction { db in
            let recorded = try await ActivityRepository.recordCheckIn(
                memberID: member.id,
                date: date,
                kind: kind.rawValue,
                answers: json,
                score: result.score,
                at: now,
                in: db
            )
            // Thoughts of self-harm always reach the care team, even in a second answer the same
            // day, unless a crisis alert is already open.
            if result.selfHarm == true {
                let open = try await AlertRepository.hasOpen(memberID: member.id, source: IntakeService.CrisisAlert.source, in: db)
                if recorded || !open {
                    for alert in IntakeService.CrisisAlert.alerts(for: member.id, at: now) { try await AlertRepository.insert(alert, in: db) }
                }
                return
            }
            guard recorded else { return }
            if result.positive, kind == .phq9 {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .support,
                        audience: .coach,
                        reason: "PHQ-9 \(Int(result.score)) of 27: suggest a doctor's review and reach out",
                        source: "questionnaire",
                        createdAt: now
                    ),
                    in: db
                )
            } else if result.positive {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .support,
                        audience: .coach,
                        reason: "Mood screen positive (PHQ-2 \(result.phq2 ?? 0), GAD-2 \(result.gad2 ?? 0)): reach out",
                        source: "questionnaire",
                        createdAt: now
                    ),
                    in: db
                )
            }
            if kind == .groc, result.score <= -3 {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .routine,
                        audience: .clinical,
                        reason: "Rates themselves worse since starting (GROC \(Int(result.score)))",
                        source: "questionnaire",
                        createdAt: now
                    ),
                    in: db
                )
            }
        }
        return result
    }

    /// Questionnaires due today, counted from the start of the member's plan.
    func dueQuestionnaires(for member: AccountRecord) async throws -> [Questionnaire] {
        let (versions, checkIns) = try await database.read { db in
            (try await PlanVersionRepository.all(memberID: member.id, in: db), try await ActivityRepository.checkIns(memberID: member.id, in: db))
        }
        guard let start = versions.first.flatMap({ CalendarDate(iso8601: $0.effectiveFrom) }) else { return [] }
        var last: [Questionnaire: CalendarDate] = [:]
        for checkIn in checkIns {
            if let kind = Questionnaire(rawValue: checkIn.kind), let date = CalendarDate(iso8601: checkIn.date) {
                last[kind] = max(last[kind] ?? date, date)
            }
        }
        var due = Questionnaire.due(planStart: start, today: today(for: member), lastAnswered: last)
        // A positive PHQ-2 asks for the PHQ-9 once, straight after (SOURCES [S16]).
        if let mood = checkIns.filter({ $0.kind == Questionnaire.mood.rawValue }).max(by: { $0.date < $1.date }),
            let moodDate = CalendarDate(iso8601: mood.date), case .object(let answers)? = JSONValue.parse(Data(mood.answers.utf8)),
            Questionnaire.phq9Due(afterMood: answers.compactMapValues(\.integer), answeredOn: moodDate, lastPHQ9: last[.phq9])
        {
            due.insert(.phq9, at: 0)
        }
        return due
    }
}
