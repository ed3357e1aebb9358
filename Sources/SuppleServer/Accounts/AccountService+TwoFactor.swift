import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// Two-step sign-in (issue 17, finding 3): a code from an authenticator app (RFC 6238) or a
/// one-time recovery code, after the password. Codes are counted like passwords, before they
/// are checked; a code works once.
extension AccountService {
    /// How long a right password waits for its code.
    public static let pendingSecondFactorLifetime: TimeInterval = 5 * 60

    /// What the set-up page shows: the QR code and the same key typed by hand.
    public struct Enrolment: Sendable {
        public let qrSVG: String
        public let typedKey: String
    }

    public enum SecondFactorRefusal: Error, Equatable {
        case wrongCode
        case tooManyAttempts(retryAfterMinutes: Int)

        public var message: String {
            switch self {
            case .wrongCode:
                "That code didn't work. Type the 6-digit code your authenticator app shows now, or one of your recovery codes."
            case .tooManyAttempts(let minutes):
                "Too many codes tried. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again."
            }
        }
    }

    public func hasSecondFactor(_ accountID: UUID) async throws -> Bool {
        try await database.read { db in try await SecondFactorRepository.isConfirmed(accountID: accountID, in: db) }
    }

    public func unusedRecoveryCodes(_ accountID: UUID) async throws -> Int {
        try await database.read { db in try await SecondFactorRepository.unusedRecoveryCodes(accountID: accountID, in: db) }
    }

    /// The set-up in progress, or a new one. Showing the page again shows the same secret, so
    /// a reload after scanning does not undo the scan. Nil once a factor is confirmed.
    public func enrolment(for account: AccountRecord) async throws -> Enrolment? {
        let now = clock.now()
        let secret: String? = try await database.transaction { db in
            if let factor = try await SecondFactorRepository.find(accountID: account.id, in: db) {
                return factor.confirmedAt == nil ? factor.secret : nil
            }
            let fresh = TimeCodes.newSecret().secret
            try await SecondFactorRepository.begin(accountID: account.id, secret: fresh, at: now, in: db)
            return fresh
        }
        guard let secret else { return nil }
        let codes = TimeCodes(secret: secret)
        return Enrolment(
            qrSVG: try QRCode(text: codes.authenticatorURL(account: account.email.value)).svg,
            typedKey: codes.typedKey(account: account.email.value)
        )
    }

    /// Confirms set-up with a code from the app; returns ten recovery codes, shown once.
    public func confirmSecondFactor(_ account: AccountRecord, code: String?, clientAddress: String?) async throws -> [String] {
        let now = clock.now()
        let recovery = RecoveryCodes.generate()
        try await countCodeAttempt(account, clientAddress: clientAddress, at: now)
        try await database.transaction { db in
            guard let factor = try await SecondFactorRepository.find(accountID: account.id, in: db), factor.confirmedAt == nil,
                let step = TimeCodes(secret: factor.secret).matchingStep(code ?? "", at: now),
                try await SecondFactorRepository.use(step: step, accountID: account.id, confirming: true, at: now, in: db)
            else {
                throw ValidationFailure(field: "code", message: "That code didn't match. Type the 6 digits your app shows for Supple now.")
            }
            try await SecondFactorRepository.replaceRecoveryCodes(accountID: account.id, hashes: recovery.map(RecoveryCodes.hash), in: db)
            try await SignInThrottleRepository.forgive(["code-for:\(account.id.uuidString.lowercased())"], in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.second_factor_on",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return recovery
    }

    /// New recovery codes (the old ones stop working), after a code proves the app is at hand.
    public func replaceRecoveryCodes(_ account: AccountRecord, code: String?, clientAddress: String?) async throws -> [String] {
        let recovery = RecoveryCodes.generate()
        let now = clock.now()
        try await countCodeAttempt(account, clientAddress: clientAddress, at: now)
        try await database.transaction { db in
            try await self.checkSecondFactor(account, typed: code, clientAddress: clientAddress, at: now, in: db)
            try await SecondFactorRepository.replaceRecoveryCodes(accountID: account.id, hashes: recovery.map(RecoveryCodes.hash), in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.recovery_codes_replaced",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return recovery
    }

    /// Turns two-step sign-in off after the password is given again. Staff may not while the
    /// installation requires it.
    public func turnOffSecondFactor(_ signedIn: SignedIn, password: String?, clientAddress: String?) async throws {
        let account = signedIn.account
        if account.role.isStaff, staffTwoFactor == .required {
            throw ValidationFailure(
                field: "password",
                message: "Staff accounts here must keep two-step sign-in on. To move it to a new phone, ask an admin to reset it."
            )
        }
        guard try await hasher.verify(password ?? "", against: account.passwordHash) else {
            throw ValidationFailure(field: "password", message: "That isn't your current password.")
        }
        let now = clock.now()
        try await database.transaction { db in
            try await SecondFactorRepository.remove(accountID: account.id, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.second_factor_off",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
    }

    /// An admin resets a colleague's second factor (a lost phone and no recovery codes): their
    /// sessions end, and they set it up again at their next sign-in.
    public func resetSecondFactor(accountID: UUID, by admin: AccountRecord, clientAddress: String?) async throws -> AccountRecord {
        guard AccessPolicy.permits(admin.actor, .manageStaff) else { throw AccessDenied() }
        let now = clock.now()
        return try await database.transaction { db in
            guard let account = try await AccountRepository.find(id: accountID, in: db) else {
                throw ValidationFailure(field: "account", message: "That account no longer exists.")
            }
            try await SecondFactorRepository.remove(accountID: account.id, in: db)
            try await WebSessionRepository.deleteAll(accountID: account.id, in: db)
            try await APITokenRepository.deleteAll(accountID: account.id, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "account.second_factor_reset",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
            return account
        }
    }

    // MARK: Signing in with the second step

    /// The API's second step: the code comes in the same request as the password.
    public func checkSecondFactor(_ account: AccountRecord, code: String?, clientAddress: String?) async throws {
        let now = clock.now()
        try await countCodeAttempt(account, clientAddress: clientAddress, at: now)
        try await database.transaction { db in
            try await self.checkSecondFactor(account, typed: code, clientAddress: clientAddress, at: now, in: db)
        }
    }

    /// The password was right and the account has a second factor: a five-minute token for
    /// the code page, in place of a session.
    public func startPendingSignIn(_ account: AccountRecord) async throws -> SecretToken {
        let token = SecretToken.generate()
        let now = clock.now()
        try await database.transaction { db in
            try await OneTimeLinkRepository.retireOpen(accountID: account.id, purpose: .pendingSecondFactor, at: now, in: db)
            try await OneTimeLinkRepository.insert(
                tokenHash: token.hash,
                purpose: .pendingSecondFactor,
                email: account.email,
                accountID: account.id,
                role: nil,
                createdBy: nil,
                createdAt: now,
                expiresAt: now.addingTimeInterval(Self.pendingSecondFactorLifetime),
                in: db
            )
        }
        return token
    }

    /// Whether a pending sign-in is still waiting for its code.
    public func pendingSignIn(token: String) async throws -> AccountRecord? {
        let now = clock.now()
        return try await database.read { db in
            guard
                let link = try await OneTimeLinkRepository.findUsable(
                    tokenHash: SecretToken.hash(token),
                    purpose: .pendingSecondFactor,
                    now: now,
                    in: db
                ),
                let id = link.accountID, let account = try await AccountRepository.find(id: id, in: db), account.disabledAt == nil
            else { return nil }
            return account
        }
    }

    /// Finishes a pending sign-in with a code; the pending token is used up on success.
    public func completePendingSignIn(token: String, code: String?, clientAddress: String?) async throws -> AccountRecord {
        guard let account = try await pendingSignIn(token: token) else { throw LinkNoLongerValid() }
        let now = clock.now()
        try await countCodeAttempt(account, clientAddress: clientAddress, at: now)
        try await database.transaction { db in
            try await self.checkSecondFactor(account, typed: code, clientAddress: clientAddress, at: now, in: db)
            guard try await OneTimeLinkRepository.markUsed(tokenHash: SecretToken.hash(token), at: now, in: db) else { throw LinkNoLongerValid() }
        }
        return account
    }

    /// The limits a second-factor code is counted against, before it is checked: the address's
    /// sign-in count, and ten codes per account per 15 minutes from anywhere (a 6-digit code
    /// must not be guessable by many addresses at once).
    static func codeLimits(_ account: AccountRecord, address: String?) -> [SharedLimit] {
        [
            SharedLimit(key: SignInThrottle.addressKey(address), limit: SignInThrottle.perAddress, window: SignInThrottle.window),
            SharedLimit(key: "code-for:\(account.id.uuidString.lowercased())", limit: 10, window: SignInThrottle.window),
        ]
    }

    /// Counts a code about to be checked, in its own transaction (so a wrong code stays
    /// counted when the check's transaction rolls back); past a limit, refuses it unchecked.
    func countCodeAttempt(_ account: AccountRecord, clientAddress: String?, at now: Date) async throws {
        let limited = try await database.transaction { db in
            try await SharedLimit.count(Self.codeLimits(account, address: clientAddress), at: now, in: db)
        }
        if let (_, until) = limited {
            throw SecondFactorRefusal.tooManyAttempts(retryAfterMinutes: max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up))))
        }
    }

    /// Checks a typed code (the app's, or a recovery code) in the caller's transaction, and
    /// uses it up. Call `countCodeAttempt` first.
    func checkSecondFactor(_ account: AccountRecord, typed: String?, clientAddress: String?, at now: Date, in db: any SQLDatabase) async throws {
        let typed = typed ?? ""
        guard let factor = try await SecondFactorRepository.find(accountID: account.id, in: db), factor.confirmedAt != nil else {
            throw SecondFactorRefusal.wrongCode
        }
        if let step = TimeCodes(secret: factor.secret).matchingStep(typed, at: now) {
            guard try await SecondFactorRepository.use(step: step, accountID: account.id, confirming: false, at: now, in: db) else {
                throw SecondFactorRefusal.wrongCode
            }
        } else {
            let normalised = RecoveryCodes.normalised(typed)
            guard normalised.count == 8,
                try await SecondFactorRepository.useRecoveryCode(hash: RecoveryCodes.hash(typed), accountID: account.id, at: now, in: db)
            else {
                throw SecondFactorRefusal.wrongCode
            }
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.recovery_code_used",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        try await SignInThrottleRepository.forgive(["code-for:\(account.id.uuidString.lowercased())"], in: db)
    }
}
