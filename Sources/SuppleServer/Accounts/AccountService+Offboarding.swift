import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// An admin's off switch for staff accounts (issue 17, finding 3): disabling ends every session
/// and token at once and hands the person's members to colleagues; an invitation not yet
/// accepted can be withdrawn. Each is one audited transaction.
extension AccountService {
    public struct Offboarded: Sendable, Equatable {
        public let account: AccountRecord
        /// Members handed to colleagues of the same role.
        public let membersHandedOver: Int
    }

    public func disableStaff(accountID: UUID, by admin: AccountRecord, clientAddress: String?) async throws -> Offboarded {
        guard AccessPolicy.permits(admin.actor, .manageStaff) else { throw AccessDenied() }
        guard accountID != admin.id else {
            throw ValidationFailure(field: "account", message: "You can't disable your own account. Ask another admin.")
        }
        let now = clock.now()
        return try await database.transaction { db in
            guard let account = try await AccountRepository.find(id: accountID, in: db), account.role.isStaff else {
                throw ValidationFailure(field: "account", message: "That isn't a staff account.")
            }
            try await AccountRepository.setDisabled(accountID: account.id, at: now, in: db)
            try await WebSessionRepository.deleteAll(accountID: account.id, in: db)
            try await APITokenRepository.deleteAll(accountID: account.id, in: db)
            try await OneTimeLinkRepository.retireOpen(accountID: account.id, purpose: .passwordReset, at: now, in: db)
            let handedOver = try await CareTeamRepository.handOverMembers(of: account.id, role: account.role, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "staff.disabled",
                    subjectAccountID: account.id,
                    detail: "members_handed_over=\(handedOver)",
                    clientAddress: clientAddress
                ),
                in: db
            )
            return Offboarded(account: account, membersHandedOver: handedOver)
        }
    }

    /// Lets a disabled staff member sign in again (with their old password; their members stay
    /// with the colleagues they were handed to).
    public func enableStaff(accountID: UUID, by admin: AccountRecord, clientAddress: String?) async throws {
        guard AccessPolicy.permits(admin.actor, .manageStaff) else { throw AccessDenied() }
        let now = clock.now()
        try await database.transaction { db in
            guard let account = try await AccountRepository.find(id: accountID, in: db), account.role.isStaff else {
                throw ValidationFailure(field: "account", message: "That isn't a staff account.")
            }
            try await AccountRepository.setDisabled(accountID: account.id, at: nil, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "staff.enabled",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
    }

    /// Withdraws an invitation not yet accepted: its link stops working at once.
    public func withdrawInvitation(id: String, by admin: AccountRecord, clientAddress: String?) async throws -> EmailAddress {
        guard AccessPolicy.permits(admin.actor, .manageStaff) else { throw AccessDenied() }
        let now = clock.now()
        return try await database.transaction { db in
            guard let link = try await OneTimeLinkRepository.withdrawInvitation(tokenHash: id, at: now, in: db) else {
                throw ValidationFailure(field: "invitation", message: "That invitation was already accepted or withdrawn.")
            }
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "staff.invitation_withdrawn",
                    subjectAccountID: nil,
                    detail: "role=\(link.role?.rawValue ?? "")",
                    clientAddress: clientAddress
                ),
                in: db
            )
            return link.email
        }
    }
}
