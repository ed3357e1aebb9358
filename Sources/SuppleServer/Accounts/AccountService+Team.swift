import Foundation
import SuppleCore
import SuppleStore

/// What the admin's team page and the audit filter read about staff accounts.
extension AccountService {
    /// Every staff account, the invitations still open, and who has confirmed two-step sign-in.
    func teamOverview() async throws -> (staff: [AccountRecord], invitations: [OneTimeLinkRepository.Link], withSecondFactor: Set<UUID>) {
        let now = clock.now()
        return try await database.read { db in
            (
                try await AccountRepository.list(roles: Role.staffRoles, in: db),
                try await OneTimeLinkRepository.openInvitations(now: now, in: db),
                try await SecondFactorRepository.confirmedAccountIDs(in: db)
            )
        }
    }

    /// Every staff account, for choosing whose actions to see.
    func staffAccounts() async throws -> [AccountRecord] {
        try await database.read { db in try await AccountRepository.list(roles: Role.staffRoles, in: db) }
    }

    /// How many of the care team's messages the member has not read (one indexed count).
    func unreadMessages(for member: AccountRecord) async throws -> Int {
        try await database.read { db in try await MessageRepository.unreadCount(memberID: member.id, readerID: member.id, in: db) }
    }

    /// Writes one audit event on its own, outside any other work (a refused request, say).
    func audit(_ event: AuditLog.Event) async throws {
        try await database.transaction { db in try await AuditLog.record(event, in: db) }
    }

    /// The audit log filtered by who acted and when; the search itself is audited first, as
    /// `action` with the filter in its detail.
    func searchAudit(
        actorID: UUID?,
        from: Date?,
        to: Date?,
        limit: Int,
        by viewer: AccountRecord,
        action: String,
        detail: String,
        clientAddress: String?
    ) async throws -> [AuditLog.SearchEntry] {
        let now = clock.now()
        return try await database.transaction { db in
            try await AuditLog.record(
                .init(occurredAt: now, actorID: viewer.id, action: action, subjectAccountID: actorID, detail: detail, clientAddress: clientAddress),
                in: db
            )
            return try await AuditLog.search(actorID: actorID, from: from, to: to, limit: limit, in: db)
        }
    }
}
