import Foundation
import SuppleCore
import SuppleStore

extension AccountService {
    public static let invitationLifetime: TimeInterval = 7 * 24 * 3600

    /// Creates an admin directly (the `supple admin create` command): the first admin has no
    /// one to invite them.
    public func createAdmin(name: String?, email: String?, password: String?, timeZone: String?) async throws -> AccountRecord {
        let setupEmail = try EmailAddress(validating: email)
        let setup = try StaffAccountSetup(name: name, password: password, timeZone: timeZone, email: setupEmail, policy: policy)
        let now = clock.now()
        let account = AccountRecord(
            email: setupEmail,
            name: setup.name,
            role: .admin,
            passwordHash: try await hasher.hash(setup.password),
            timeZone: setup.timeZone,
            createdAt: now
        )
        try await insertNewAccount(account, action: "account.admin_created", actor: nil, clientAddress: "command line")
        return account
    }

    public struct SentInvitation: Sendable {
        public let email: EmailAddress
        public let role: Role
        public let url: String
    }

    /// An admin invites a colleague: a one-time link, valid for a week, that opens a staff
    /// account with the chosen role.
    public func inviteStaff(email: String?, role: String?, by admin: AccountRecord, clientAddress: String?) async throws -> SentInvitation {
        guard AccessPolicy.permits(admin.actor, .manageStaff) else { throw AccessDenied() }
        let invitation = try StaffInvitation(email: email, role: role)
        if try await database.read({ db in try await AccountRepository.find(email: invitation.email, in: db) }) != nil {
            throw ValidationFailure(field: "email", message: "Someone with this email already has an account.")
        }
        let token = SecretToken.generate()
        let now = clock.now()
        try await database.transaction { db in
            try await OneTimeLinkRepository.insert(
                tokenHash: token.hash,
                purpose: .staffInvitation,
                email: invitation.email,
                accountID: nil,
                role: invitation.role,
                createdBy: admin.id,
                createdAt: now,
                expiresAt: now.addingTimeInterval(Self.invitationLifetime),
                in: db
            )
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "staff.invited",
                    subjectAccountID: nil,
                    detail: "role=\(invitation.role.rawValue)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        let sent = SentInvitation(email: invitation.email, role: invitation.role, url: "\(publicBaseURL)/invite/\(token.value)")
        await links.deliver(OutboundLink(kind: .staffInvitation, email: invitation.email, url: sent.url))
        return sent
    }

    public func usableInvitation(token: String) async throws -> OneTimeLinkRepository.Link? {
        let now = clock.now()
        return try await database.read { db in
            try await OneTimeLinkRepository.findUsable(tokenHash: SecretToken.hash(token), purpose: .staffInvitation, now: now, in: db)
        }
    }

    /// The invited person chooses their name, password and time zone; the account opens with
    /// the role the admin chose, and the link is used up in the same transaction.
    public func acceptInvitation(
        token: String,
        name: String?,
        password: String?,
        timeZone: String?,
        clientAddress: String?
    ) async throws -> AccountRecord {
        guard let link = try await usableInvitation(token: token), let role = link.role else { throw LinkNoLongerValid() }
        let setup = try StaffAccountSetup(name: name, password: password, timeZone: timeZone, email: link.email, policy: policy)
        let now = clock.now()
        let account = AccountRecord(
            email: link.email,
            name: setup.name,
            role: role,
            passwordHash: try await hasher.hash(setup.password),
            timeZone: setup.timeZone,
            createdAt: now
        )
        do {
            try await database.transaction { db in
                guard try await OneTimeLinkRepository.markUsed(tokenHash: link.tokenHash, at: now, in: db) else {
                    throw LinkNoLongerValid()
                }
                try await AccountRepository.insert(account, in: db)
                // Members who joined before anyone held this role get a care team now.
                try await CareTeamRepository.assignUnassigned(in: db)
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: account.id,
                        action: "staff.invitation_accepted",
                        subjectAccountID: account.id,
                        detail: "role=\(role.rawValue)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
        } catch is DuplicateEmailError {
            throw LinkNoLongerValid()
        }
        return account
    }
}

/// The policy layer said no.
public struct AccessDenied: Error {}
