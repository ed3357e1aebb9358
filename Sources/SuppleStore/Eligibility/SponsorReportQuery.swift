import Foundation
import SQLKit
import SuppleCore

/// Gathers, for one organization, what its sponsor report is computed from: one anonymous row
/// per enrolled member. Nothing that identifies a member leaves this function.
public enum SponsorReportQuery {
    public static func members(organizationID: UUID, now: Date, in db: any SQLDatabase) async throws -> [SponsorReport.Member] {
        let org = organizationID.uuidString
        let since = now.addingTimeInterval(-30 * 86_400).storedMilliseconds
        var baseline: [String: (submitted: Date, answers: String)] = [:]
        var enrolled: [String] = []
        for row in try await db.raw(
            """
            SELECT a.id AS account_id, i.answers AS answers, i.submitted_at AS submitted_at FROM accounts a
            LEFT JOIN intakes i ON i.account_id = a.id AND i.status = 'submitted'
            WHERE a.organization_id = \(bind: org) AND a.role = 'member'
            """
        ).all() {
            let id = try row.decode(column: "account_id", as: String.self)
            if baseline[id] == nil && !enrolled.contains(id) { enrolled.append(id) }
            guard let submitted = try row.optionalInstant("submitted_at"), let answers = try row.decode(column: "answers", as: String?.self) else {
                continue
            }
            // The first intake is the baseline.
            if baseline[id].map({ submitted < $0.submitted }) ?? true { baseline[id] = (submitted, answers) }
        }
        var sessions: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT s.member_id AS member_id, COUNT(*) AS n FROM sessions s JOIN accounts a ON a.id = s.member_id
            WHERE a.organization_id = \(bind: org) AND s.status = 'completed' AND s.started_at >= \(bind: since) GROUP BY s.member_id
            """
        ).all() {
            sessions[try row.decode(column: "member_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        var active = Set(sessions.keys)
        for row in try await db.raw(
            """
            SELECT w.member_id AS member_id FROM walks w JOIN accounts a ON a.id = w.member_id
            WHERE a.organization_id = \(bind: org) AND w.recorded_at >= \(bind: since)
            UNION SELECT c.member_id AS member_id FROM check_ins c JOIN accounts a ON a.id = c.member_id
            WHERE a.organization_id = \(bind: org) AND c.recorded_at >= \(bind: since)
            UNION SELECT s.member_id AS member_id FROM sessions s JOIN accounts a ON a.id = s.member_id
            WHERE a.organization_id = \(bind: org) AND s.started_at >= \(bind: since)
            """
        ).all() {
            active.insert(try row.decode(column: "member_id", as: String.self))
        }
        var followUps: [String: [(date: String, kind: String, score: Double)]] = [:]
        for row in try await db.raw(
            """
            SELECT c.member_id AS member_id, c.check_in_date AS day, c.kind AS kind, c.score AS score FROM check_ins c
            JOIN accounts a ON a.id = c.member_id
            WHERE a.organization_id = \(bind: org) AND c.kind IN ('daily-pain', 'peg') AND c.score IS NOT NULL
            """
        ).all() {
            followUps[try row.decode(column: "member_id", as: String.self), default: []].append(
                (
                    try row.decode(column: "day", as: String.self), try row.decode(column: "kind", as: String.self),
                    try row.decode(column: "score", as: Double.self)
                )
            )
        }
        return enrolled.map { id in
            let intake = baseline[id]
            let answers = intake.flatMap { JSONValue.parse(Data($0.answers.utf8)) }.flatMap { value -> [String: JSONValue]? in
                if case .object(let object) = value { return object } else { return nil }
            }
            let pain = answers?["painAverageWeek"]?.integer.map(Double.init)
            var peg: Double?
            if let pain, case .object(let items)? = answers?["peg"],
                let enjoyment = items["enjoymentInterference"]?.integer, let activity = items["activityInterference"]?.integer
            {
                peg = (pain + Double(enjoyment + activity)) / 3
            }
            // Week 12 is days 77–90 after the intake: the first answer in that window counts.
            let window = intake.map { Week12Window(intake: $0.submitted) }
            let answersInWindow = (followUps[id] ?? []).filter { window?.contains($0.date) ?? false }.sorted { $0.date < $1.date }
            return SponsorReport.Member(
                activated: intake != nil,
                activeLast30Days: active.contains(id),
                sessionsLast30Days: sessions[id] ?? 0,
                baselinePain: pain,
                painAtWeek12: answersInWindow.first { $0.kind == "daily-pain" }?.score,
                baselinePEG: peg,
                pegAtWeek12: answersInWindow.first { $0.kind == "peg" }?.score,
                reachedWeek12: intake.map { now.timeIntervalSince($0.submitted) >= 84 * 86_400 } ?? false
            )
        }
    }

    /// The dates, as `YYYY-MM-DD` in UTC, of the 12th and 13th weeks after an intake.
    struct Week12Window {
        let first: String
        let last: String

        init(intake: Date) {
            first = CalendarDate(intake.addingTimeInterval(77 * 86_400), in: TimeZone(identifier: "UTC")!).description
            last = CalendarDate(intake.addingTimeInterval(90 * 86_400), in: TimeZone(identifier: "UTC")!).description
        }

        func contains(_ day: String) -> Bool { day >= first && day <= last }
    }
}
