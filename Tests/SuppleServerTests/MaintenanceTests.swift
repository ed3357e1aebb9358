import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// The server's own rounds: finishing what a crash interrupted, and clearing what expired.
@Suite struct MaintenanceTests {
    func maintenance(_ app: TestApp) throws -> MaintenanceService {
        MaintenanceService(
            database: app.database,
            program: ProgramService(database: app.database, library: try ContentLibrary.bundled(), clock: app.clock),
            clock: app.clock,
            interval: .seconds(900),
            logger: Logger(label: "supple.tests")
        )
    }

    func pending(_ app: TestApp) async throws -> [UUID] {
        try await app.database.read { db in try await PendingAdaptationRepository.pending(limit: 100, in: db) }
    }

    @Test("a session saved just before a crash still adapts the plan: the next maintenance round finishes it")
    func crashBetweenSessionAndAdaptation() async throws {
        try await TestApp.run { app, client in
            let programTests = ProgramTests()
            let (browser, member) = try await programTests.memberWithPlan(app, client)
            try await browser.post("/session", form: programTests.sessionForm(try await browser.get("/session")))
            #expect(try await pending(app).isEmpty, "a session that finished normally leaves nothing waiting")
            app.clock.advance(by: 86_400)
            try await browser.post("/checkins", form: [("kind", "next-morning"), ("answer", "better")])
            #expect(try await programTests.planVersions(app, member).count == 1)

            // The second good session lands with its mark, then the server dies before adapting.
            let version = try #require(try await programTests.planVersions(app, member).last)
            let outcomes = ["walk-warm-up", "forward-bend", "cat-cow"].map {
                ActivityRepository.Outcome(exerciseID: $0, pain: 2, difficulty: "about-right", symptomsSpread: false)
            }
            let now = app.clock.now()
            try await app.database.transaction { db in
                _ = try await ProgramService.recordFinishedSession(
                    key: "crashed-session-1",
                    memberID: member.id,
                    planVersionID: version.id,
                    date: "2026-11-18",
                    outcomes: outcomes,
                    at: now,
                    in: db
                )
                try await PendingAdaptationRepository.mark(memberID: member.id, at: now, in: db)
            }
            #expect(try await programTests.planVersions(app, member).count == 1)
            #expect(try await pending(app) == [member.id])

            let round = try await maintenance(app).runOnce()
            #expect(round.adaptationsFinished == 1)
            let versions = try await programTests.planVersions(app, member)
            #expect(versions.count == 2)
            #expect(versions.last?.reason.contains("Two good sessions in a row") == true)
            #expect(try await pending(app).isEmpty)
        }
    }

    @Test("a maintenance round deletes expired web sessions, API tokens and old idempotency keys, and keeps live ones")
    func housekeeping() async throws {
        try await TestApp.run { app, client in
            let member = try await app.createAccount("riley@example.org", role: .member)
            let now = app.clock.now()
            try await app.database.transaction { db in
                try await WebSessionRepository.insert(
                    tokenHash: "expired-web",
                    accountID: member.id,
                    createdAt: now.addingTimeInterval(-90_000),
                    expiresAt: now.addingTimeInterval(-10),
                    in: db
                )
                try await WebSessionRepository.insert(
                    tokenHash: "live-web",
                    accountID: member.id,
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(3600),
                    in: db
                )
                try await APITokenRepository.insert(
                    id: UUID(),
                    tokenHash: "expired-api",
                    accountID: member.id,
                    label: "old phone",
                    createdAt: now.addingTimeInterval(-90_000),
                    expiresAt: now.addingTimeInterval(-10),
                    in: db
                )
                _ = try await IdempotencyRepository.claim(
                    accountID: member.id,
                    key: "old-key-0001",
                    fingerprint: "f",
                    at: now.addingTimeInterval(-8 * 86_400),
                    in: db
                )
                _ = try await IdempotencyRepository.claim(accountID: member.id, key: "new-key-0001", fingerprint: "f", at: now, in: db)
            }
            let round = try await maintenance(app).runOnce()
            #expect(round.swept.ran)
            #expect(round.swept.webSessions == 1)
            #expect(round.swept.apiTokens == 1)
            #expect(round.swept.idempotencyKeys == 1)
            let (sessions, newKey, oldKey) = try await app.database.read { db in
                (
                    try await WebSessionRepository.count(accountID: member.id, in: db),
                    try await IdempotencyRepository.find(accountID: member.id, key: "new-key-0001", in: db),
                    try await IdempotencyRepository.find(accountID: member.id, key: "old-key-0001", in: db)
                )
            }
            #expect(sessions == 1)
            #expect(newKey != nil && oldKey == nil)
            _ = client
        }
    }
}
