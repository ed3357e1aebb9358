import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct SessionAndLinkTests {
    @Test("a session works until it expires, and signing out elsewhere keeps the current one", arguments: TestDatabase.available)
    func sessions(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = Fixtures.member()
            let now = Fixtures.start
            try await db.transaction { sql in
                try await AccountRepository.insert(account, in: sql)
                try await WebSessionRepository.insert(
                    tokenHash: "current",
                    accountID: account.id,
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(3600),
                    in: sql
                )
                try await WebSessionRepository.insert(
                    tokenHash: "other",
                    accountID: account.id,
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(3600),
                    in: sql
                )
            }
            let live = try await db.read { sql in
                try await WebSessionRepository.findLive(tokenHash: "current", now: now.addingTimeInterval(3599), in: sql)
            }
            #expect(live?.accountID == account.id)
            let expired = try await db.read { sql in
                try await WebSessionRepository.findLive(tokenHash: "current", now: now.addingTimeInterval(3600), in: sql)
            }
            #expect(expired == nil)

            try await db.transaction { sql in try await WebSessionRepository.deleteAll(accountID: account.id, except: "current", in: sql) }
            #expect(try await db.read { sql in try await WebSessionRepository.count(accountID: account.id, in: sql) } == 1)
            #expect(try await db.read { sql in try await WebSessionRepository.findLive(tokenHash: "other", now: now, in: sql) } == nil)
        }
    }

    @Test("a one-time link can be used once", arguments: TestDatabase.available)
    func oneTimeLink(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let now = Fixtures.start
            let email = EmailAddress(trusted: "new.pt@example.org")
            try await db.transaction { sql in
                try await OneTimeLinkRepository.insert(
                    tokenHash: "h1",
                    purpose: .staffInvitation,
                    email: email,
                    accountID: nil,
                    role: .physicalTherapist,
                    createdBy: nil,
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(600),
                    in: sql
                )
            }
            let found = try await db.read { sql in
                try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .staffInvitation, now: now, in: sql)
            }
            #expect(found?.role == .physicalTherapist)
            #expect(found?.email == email)
            // The same secret is not a password-reset link.
            #expect(
                try await db.read { sql in try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .passwordReset, now: now, in: sql) }
                    == nil
            )

            #expect(try await db.transaction { sql in try await OneTimeLinkRepository.markUsed(tokenHash: "h1", at: now, in: sql) })
            #expect(try await !db.transaction { sql in try await OneTimeLinkRepository.markUsed(tokenHash: "h1", at: now, in: sql) })
            #expect(
                try await db.read { sql in try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .staffInvitation, now: now, in: sql) }
                    == nil
            )
        }
    }

    @Test("sign-in attempts are counted per subject in a window that starts again once it has passed", arguments: TestDatabase.available)
    func signInThrottle(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let now = Fixtures.start
            func count(_ subject: String, after minutes: Double) async throws -> SignInThrottleRepository.Count {
                try await db.transaction { sql in
                    try await SignInThrottleRepository.count(subject, window: 15 * 60, at: now.addingTimeInterval(minutes * 60), in: sql)
                }
            }
            #expect(try await count("account:riley", after: 0).attempts == 1)
            #expect(try await count("account:riley", after: 5).attempts == 2)
            #expect(try await count("account:casey", after: 5).attempts == 1, "each subject has its own count")
            let third = try await count("account:riley", after: 14)
            #expect(third.attempts == 3 && third.windowStartedAt == now)
            let fresh = try await count("account:riley", after: 16)
            #expect(fresh.attempts == 1 && fresh.windowStartedAt == now.addingTimeInterval(16 * 60), "a new window")
            try await db.transaction { sql in try await SignInThrottleRepository.forgive(["account:riley"], in: sql) }
            #expect(try await count("account:riley", after: 17).attempts == 1)
        }
    }

    @Test("audit events are kept with who, what, whom and where", arguments: TestDatabase.available)
    func auditTrail(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let member = Fixtures.member()
            let staffID = UUID()
            try await db.transaction { sql in
                try await AccountRepository.insert(member, in: sql)
                try await AuditLog.record(
                    .init(
                        occurredAt: Fixtures.start,
                        actorID: staffID,
                        action: "staff.viewed_chart",
                        subjectAccountID: member.id,
                        clientAddress: "127.0.0.1"
                    ),
                    in: sql
                )
            }
            let events = try await db.read { sql in try await AuditLog.events(involving: member.id, in: sql) }
            #expect(events.count == 1)
            #expect(events.first?.actorID == staffID)
            #expect(events.first?.action == "staff.viewed_chart")
            #expect(events.first?.clientAddress == "127.0.0.1")
        }
    }
}
