import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// The program's tables on both engines: intakes, decisions, alerts, plan versions, sessions,
/// walks and check-ins, including their once-only writes.
@Suite struct ProgramRepositoryTests {
    func member(_ db: any Database) async throws -> AccountRecord {
        let account = Fixtures.member()
        try await db.transaction { sql in try await AccountRepository.insert(account, in: sql) }
        return account
    }

    @Test("an intake draft is saved, resumed and submitted; decisions keep their history", arguments: TestDatabase.available)
    func intakes(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = try await member(db)
            let now = Fixtures.start
            let id = try await db.transaction { sql in
                try await IntakeRepository.saveDraft(accountID: account.id, answers: #"{"a":1}"#, furthestStep: 1, at: now, in: sql)
            }
            let same = try await db.transaction { sql in
                try await IntakeRepository.saveDraft(accountID: account.id, answers: #"{"a":2}"#, furthestStep: 3, at: now, in: sql)
            }
            #expect(id == same)
            let draft = try await db.read { sql in try await IntakeRepository.draft(accountID: account.id, in: sql) }
            #expect(draft?.answers == #"{"a":2}"#)
            #expect(draft?.furthestStep == 3)
            try await db.transaction { sql in
                try await IntakeRepository.markSubmitted(id: id, answers: #"{"a":3}"#, at: now, in: sql)
                try await DecisionRepository.insert(
                    .init(
                        id: UUID(),
                        accountID: account.id,
                        intakeID: id,
                        tier: "none",
                        programStatus: "active",
                        engineVersion: "1",
                        decisionJSON: "{}",
                        createdAt: now
                    ),
                    in: sql
                )
                try await DecisionRepository.insert(
                    .init(
                        id: UUID(),
                        accountID: account.id,
                        intakeID: id,
                        tier: "urgent",
                        programStatus: "on-hold",
                        engineVersion: "1",
                        decisionJSON: "{}",
                        createdAt: now.addingTimeInterval(60)
                    ),
                    in: sql
                )
            }
            #expect(try await db.read { sql in try await IntakeRepository.draft(accountID: account.id, in: sql) } == nil)
            #expect(try await db.read { sql in try await IntakeRepository.latestSubmitted(accountID: account.id, in: sql) }?.answers == #"{"a":3}"#)
            #expect(try await db.read { sql in try await DecisionRepository.latest(accountID: account.id, in: sql) }?.tier == "urgent")
        }
    }

    @Test("open alerts come most urgent first, then longest waiting", arguments: TestDatabase.available)
    func alerts(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = try await member(db)
            let t = Fixtures.start
            try await db.transaction { sql in
                for (severity, offset) in [(AlertRepository.Severity.routine, 0.0), (.emergency, 30), (.support, 10), (.urgent, 20), (.urgent, 5)] {
                    try await AlertRepository.insert(
                        .init(
                            memberID: account.id,
                            severity: severity,
                            audience: .clinical,
                            reason: "r",
                            source: "test",
                            createdAt: t.addingTimeInterval(offset)
                        ),
                        in: sql
                    )
                }
            }
            let open = try await db.read { sql in try await AlertRepository.open(in: sql) }
            #expect(open.map(\.severity) == [.emergency, .urgent, .urgent, .routine, .support])
            #expect(open[1].createdAt < open[2].createdAt)
        }
    }

    @Test("quiet members raise one coach alert each; members without a plan or with recent activity do not", arguments: TestDatabase.available)
    func quietMembers(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let quiet = try await member(db)
            let noPlan = Fixtures.member("no.plan@example.org")
            let walker = Fixtures.member("walker@example.org")
            let t0 = Fixtures.start
            let later = t0.addingTimeInterval(8 * 86_400)
            try await db.transaction { sql in
                try await AccountRepository.insert(noPlan, in: sql)
                try await AccountRepository.insert(walker, in: sql)
                for account in [quiet, walker] {
                    _ = try await PlanVersionRepository.add(
                        memberID: account.id,
                        effectiveFrom: "2026-12-01",
                        author: "engine",
                        reason: "first",
                        planJSON: "{}",
                        at: t0,
                        in: sql
                    )
                }
                _ = try await ActivityRepository.recordWalk(
                    key: "walk-key-0001",
                    memberID: walker.id,
                    date: "2026-12-08",
                    minutes: 10,
                    breaks: 0,
                    painStartedMinute: nil,
                    pain: 2,
                    at: later.addingTimeInterval(-86_400),
                    in: sql
                )
            }
            func raise(at now: Date) async throws -> Int {
                try await db.transaction { sql in
                    try await CareTeamRepository.raiseQuietMemberAlerts(
                        quietSince: now.addingTimeInterval(-7 * 86_400),
                        reason: "quiet",
                        source: "inactivity",
                        now: now,
                        in: sql
                    )
                }
            }
            #expect(try await raise(at: later) == 1)
            #expect(try await raise(at: later.addingTimeInterval(3600)) == 0)
            let alerts = try await db.read { sql in try await AlertRepository.open(in: sql) }
            #expect(alerts.map(\.memberID) == [quiet.id])
            #expect(alerts.first?.audience == .coach)
            #expect(
                alerts.first?.createdAt == t0.addingTimeInterval(7 * 86_400),
                "it has waited since the seventh quiet day, not since someone looked"
            )
        }
    }

    @Test("plan versions count up and the latest wins", arguments: TestDatabase.available)
    func planVersions(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = try await member(db)
            try await db.transaction { sql in
                _ = try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: "2026-12-01",
                    author: "engine",
                    reason: "first",
                    planJSON: "{}",
                    at: Fixtures.start,
                    in: sql
                )
                _ = try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: "2026-12-03",
                    author: "engine",
                    reason: "second",
                    planJSON: "{}",
                    at: Fixtures.start,
                    in: sql
                )
            }
            #expect(try await db.read { sql in try await PlanVersionRepository.latest(memberID: account.id, in: sql) }?.version == 2)
            #expect(
                try await db.read { sql in try await PlanVersionRepository.all(memberID: account.id, in: sql) }.map(\.reason) == ["first", "second"]
            )
        }
    }

    @Test("sessions, outcomes, walks and check-ins are written once however often they are sent", arguments: TestDatabase.available)
    func activity(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = try await member(db)
            let now = Fixtures.start
            let version = try await db.transaction { sql in
                try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: "2026-12-01",
                    author: "engine",
                    reason: "r",
                    planJSON: "{}",
                    at: now,
                    in: sql
                )
            }
            let outcomes = [
                ActivityRepository.Outcome(exerciseID: "cat-cow", pain: 2, difficulty: "about-right", symptomsSpread: false),
                ActivityRepository.Outcome(exerciseID: "knee-hug", pain: 6, difficulty: "too-hard", symptomsSpread: true),
            ]
            // A whole session in one transaction, as the web form records it: finishing it a
            // second time reports that it was already finished.
            let whole = try await db.transaction { sql -> (status: SessionStatus?, recorded: [Bool], finished: [Bool]) in
                let id = try await ActivityRepository.startSession(
                    key: "session-key-1",
                    memberID: account.id,
                    planVersionID: version.id,
                    date: "2026-12-01",
                    at: now,
                    in: sql
                )
                guard let session = try await ActivityRepository.session(id: id, memberID: account.id, in: sql) else { return (nil, [], []) }
                var recorded: [Bool] = []
                for outcome in outcomes { recorded.append(try await ActivityRepository.recordOutcome(outcome, session: session, at: now, in: sql)) }
                let first = try await ActivityRepository.finishSession(id: id, at: now, in: sql)
                let second = try await ActivityRepository.finishSession(id: id, at: now, in: sql)
                return (session.status, recorded, [first, second])
            }
            #expect(whole.status == .inProgress)
            #expect(whole.recorded == [true, true])
            #expect(whole.finished == [true, false])
            // The API path: start twice with one key, record an item twice.
            let started = try await db.transaction { sql in
                try await ActivityRepository.startSession(
                    key: "api-key-1",
                    memberID: account.id,
                    planVersionID: version.id,
                    date: "2026-12-02",
                    at: now,
                    in: sql
                )
            }
            let again = try await db.transaction { sql in
                try await ActivityRepository.startSession(
                    key: "api-key-1",
                    memberID: account.id,
                    planVersionID: version.id,
                    date: "2026-12-02",
                    at: now,
                    in: sql
                )
            }
            #expect(started == again)
            let open = try #require(try await db.read { sql in try await ActivityRepository.session(id: started, memberID: account.id, in: sql) })
            #expect(try await db.transaction { sql in try await ActivityRepository.recordOutcome(outcomes[0], session: open, at: now, in: sql) })
            #expect(try await !db.transaction { sql in try await ActivityRepository.recordOutcome(outcomes[0], session: open, at: now, in: sql) })
            let finished = try await db.transaction { sql in try await ActivityRepository.finishSession(id: started, at: now, in: sql) }
            #expect(finished)

            let sessions = try await db.read { sql in try await ActivityRepository.sessions(memberID: account.id, in: sql) }
            #expect(sessions.map(\.occurrenceDate) == ["2026-12-01", "2026-12-02"])
            #expect(sessions[0].outcomes.map(\.exerciseID).sorted() == ["cat-cow", "knee-hug"])
            #expect(sessions[0].outcomes.first { $0.exerciseID == "knee-hug" }?.symptomsSpread == true)
            #expect(sessions.map(\.status) == [.completed, .completed])

            for expected in [true, false] {
                let walked = try await db.transaction { sql in
                    try await ActivityRepository.recordWalk(
                        key: "walk-1",
                        memberID: account.id,
                        date: "2026-12-01",
                        minutes: 8,
                        breaks: 1,
                        painStartedMinute: nil,
                        pain: 3,
                        at: now,
                        in: sql
                    )
                }
                #expect(walked == expected)
                let checked = try await db.transaction { sql in
                    try await ActivityRepository.recordCheckIn(
                        memberID: account.id,
                        date: "2026-12-01",
                        kind: "daily-pain",
                        answers: "3",
                        score: 3,
                        at: now,
                        in: sql
                    )
                }
                #expect(checked == expected)
            }
            _ = try await db.transaction { sql in
                try await ActivityRepository.recordCheckIn(
                    memberID: account.id,
                    date: "2026-12-01",
                    kind: "next-morning",
                    answers: "better",
                    score: nil,
                    at: now,
                    in: sql
                )
            }
            #expect(try await db.read { sql in try await ActivityRepository.walks(memberID: account.id, in: sql) }.map(\.minutes) == [8])
            let checkIns = try await db.read { sql in try await ActivityRepository.checkIns(memberID: account.id, in: sql) }
            #expect(checkIns.map(\.kind).sorted() == ["daily-pain", "next-morning"])
            #expect(checkIns.first { $0.kind == "daily-pain" }?.score == 3)
            #expect(checkIns.first { $0.kind == "next-morning" }?.score == nil)
        }
    }
}
