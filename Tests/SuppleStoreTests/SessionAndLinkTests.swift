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
                try await WebSessionRepository.insert(tokenHash: "current", accountID: account.id, createdAt: now, expiresAt: now.addingTimeInterval(3600), in: sql)
                try await WebSessionRepository.insert(tokenHash: "other", accountID: account.id, createdAt: now, expiresAt: now.addingTimeInterval(3600), in: sql)
            }
            let live = try await db.read { sql in try await WebSessionRepository.findLive(tokenHash: "current", now: now.addingTimeInterval(3599), in: sql) }
            #expect(live?.accountID == account.id)
            let expired = try await db.read { sql in try await WebSessionRepository.findLive(tokenHash: "current", now: now.addingTimeInterval(3600), in: sql) }
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
                    tokenHash: "h1", purpose: .staffInvitation, email: email, accountID: nil, role: .physicalTherapist,
                    createdBy: nil, createdAt: now, expiresAt: now.addingTimeInterval(600), in: sql
                )
            }
            let found = try await db.read { sql in try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .staffInvitation, now: now, in: sql) }
            #expect(found?.role == .physicalTherapist)
            #expect(found?.email == email)
            // The same secret is not a password-reset link.
            #expect(try await db.read { sql in try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .passwordReset, now: now, in: sql) } == nil)

            #expect(try await db.transaction { sql in try await OneTimeLinkRepository.markUsed(tokenHash: "h1", at: now, in: sql) })
            #expect(try await !db.transaction { sql in try await OneTimeLinkRepository.markUsed(tokenHash: "h1", at: now, in: sql) })
            #expect(try await db.read { sql in try await OneTimeLinkRepository.findUsable(tokenHash: "h1", purpose: .staffInvitation, now: now, in: sql) } == nil)
        }
    }

    @Test("sign-in failures are counted inside the window only", arguments: TestDatabase.available)
    func signInFailures(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let email = EmailAddress(trusted: "riley@example.org")
            let now = Fixtures.start
            try await db.transaction { sql in
                for minute in [0, 5, 10, 20] {
                    try await SignInFailureRepository.record(email: email, at: now.addingTimeInterval(Double(minute) * 60), in: sql)
                }
            }
            let recent = try await db.read { sql in
                try await SignInFailureRepository.recent(email: email, since: now.addingTimeInterval(7 * 60), in: sql)
            }
            #expect(recent.count == 2)
            #expect(recent.oldest == now.addingTimeInterval(10 * 60))
            let other = try await db.read { sql in
                try await SignInFailureRepository.recent(email: EmailAddress(trusted: "casey@example.org"), since: now, in: sql)
            }
            #expect(other.count == 0)
        }
    }

    @Test("audit events are kept with who, what, whom and where", arguments: TestDatabase.available)
    func auditTrail(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let member = Fixtures.member()
            let staffID = UUID()
            try await db.transaction { sql in
                try await AccountRepository.insert(member, in: sql)
                try await AuditLog.record(.init(occurredAt: Fixtures.start, actorID: staffID, action: "staff.viewed_chart",
                                                subjectAccountID: member.id, clientAddress: "127.0.0.1"), in: sql)
            }
            let events = try await db.read { sql in try await AuditLog.events(involving: member.id, in: sql) }
            #expect(events.count == 1)
            #expect(events.first?.actorID == staffID)
            #expect(events.first?.action == "staff.viewed_chart")
            #expect(events.first?.clientAddress == "127.0.0.1")
        }
    }
}
