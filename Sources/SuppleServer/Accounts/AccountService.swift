import Foundation
import Logging
import SQLKit
import SuppleCore
import SuppleStore

/// Account operations shared by the web pages, the JSON API and the command line: they validate
/// with SuppleCore, hash with bcrypt, and write through SuppleStore in one transaction each.
public struct AccountService: Sendable {
    public let database: any Database
    public let hasher: PasswordHasher
    public let policy: PasswordPolicy
    public let clock: any WallClock
    public let links: any LinkDelivery
    public let publicBaseURL: String
    /// Whether staff must sign in with a second factor.
    public let staffTwoFactor: StaffTwoFactorPolicy
    /// A staff web session ends after this long without a request.
    public let staffIdleTimeout: TimeInterval
    /// A hash of nothing in particular, checked when an email is unknown so that a wrong email
    /// takes as long to refuse as a wrong password (no account discovery by timing).
    let decoyHash: String

    public static let memberSessionLifetime: TimeInterval = 30 * 24 * 3600
    /// Staff sessions are shorter: a care-team laptop shows many people's health data.
    public static let staffSessionLifetime: TimeInterval = 12 * 3600
    public static let apiTokenLifetime: TimeInterval = 90 * 24 * 3600

    static func sessionLifetime(_ role: Role) -> TimeInterval {
        role.isStaff ? staffSessionLifetime : memberSessionLifetime
    }

    public init(
        database: any Database,
        hasher: PasswordHasher,
        policy: PasswordPolicy,
        clock: any WallClock,
        links: any LinkDelivery,
        publicBaseURL: String,
        staffTwoFactor: StaffTwoFactorPolicy = .required,
        staffIdleTimeout: TimeInterval = 30 * 60
    ) async throws {
        self.staffTwoFactor = staffTwoFactor
        self.staffIdleTimeout = staffIdleTimeout
        self.database = database
        self.hasher = hasher
        self.policy = policy
        self.clock = clock
        self.links = links
        self.publicBaseURL = publicBaseURL
        self.decoyHash = try await hasher.hash(SecretToken.generate().value)
    }

    // MARK: Sign-up

    /// Creates a member. With a `coveragePass` from a confirmed coverage check, the account is
    /// linked to the person's roster record and sponsor in the same transaction.
    ///
    /// Joining with an email that already has an account creates nothing and throws
    /// `CheckYourEmail`, whose answer never says whether the account exists; the owner is told by
    /// email (finding 6). Sign-ups are limited per address, which keeps probing slow.
    public func signUpMember(
        _ input: MemberSignUp.Input,
        clientAddress: String?,
        coveragePass: String? = nil,
        language: Language = .english
    ) async throws -> AccountRecord {
        let now = clock.now()
        // The age check uses the date where the person says they are, falling back to UTC.
        let zone = input.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let signUp = try MemberSignUp(input, policy: policy, today: CalendarDate(now, in: zone))
        if let (_, until) = try await database.transaction({ db in
            try await SharedLimit.count([SharedLimit.signUps(from: clientAddress)], at: now, in: db)
        }) {
            throw RequestLimitReached(until: until, now: now)
        }
        let account = AccountRecord(
            email: signUp.email,
            name: signUp.name,
            role: .member,
            passwordHash: try await hasher.hash(signUp.password),
            timeZone: signUp.timeZone,
            dateOfBirth: signUp.dateOfBirth,
            consentedAt: now,
            createdAt: now,
            language: language
        )
        do {
            try await insertNewAccount(account, action: "account.signed_up", actor: nil, clientAddress: clientAddress) { db in
                guard let coveragePass, !coveragePass.isEmpty else { return }
                try await CoverageLink.link(account, pass: coveragePass, now: now, in: db)
            }
        } catch is DuplicateEmailError {
            await links.deliver(OutboundLink(kind: .joinedAgain, email: signUp.email, url: "\(publicBaseURL)/password/forgot"))
            throw CheckYourEmail(email: signUp.email)
        }
        return account
    }

    /// Joining could not finish here: the next step went to the email given. The answer is the
    /// same whether or not that email has an account.
    public struct CheckYourEmail: Error, Equatable {
        public let email: EmailAddress
        public static let message =
            "Check your email. We've sent the next step to that address. If you already have an account, you can sign in or reset your password."
    }

    /// The member reads Supple in `language` from now on.
    public func changeLanguage(_ signedIn: SignedIn, to language: Language) async throws {
        try await database.transaction { db in
            try await AccountRepository.updateLanguage(accountID: signedIn.account.id, to: language, in: db)
        }
    }

    /// Inserts an account and its audit event together. A taken email is `DuplicateEmailError`
    /// for a member joining (the caller answers without saying so) and a field error otherwise.
    func insertNewAccount(
        _ account: AccountRecord,
        action: String,
        actor: UUID?,
        clientAddress: String?,
        alsoInTransaction: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in }
    ) async throws {
        do {
            try await database.transaction { db in
                try await AccountRepository.insert(account, in: db)
                try await alsoInTransaction(db)
                // A new member gets the physical therapist and coach with the fewest members.
                if account.role == .member { try await CareTeamRepository.assign(memberID: account.id, in: db) }
                try await AuditLog.record(
                    .init(
                        occurredAt: account.createdAt,
                        actorID: actor ?? account.id,
                        action: action,
                        subjectAccountID: account.id,
                        detail: "role=\(account.role.rawValue)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
        } catch let duplicate as DuplicateEmailError {
            guard account.role != .member else { throw duplicate }
            throw ValidationFailure(field: "email", message: "An account with this email already exists.")
        }
    }

    // MARK: Sign-in

    public enum SignInRefusal: Error, Equatable {
        case wrongEmailOrPassword
        case tooManyAttempts(retryAfterMinutes: Int)

        public var message: String {
            switch self {
            case .wrongEmailOrPassword:
                return "That email and password don't match an account. Check them and try again."
            case .tooManyAttempts(let minutes):
                return "Too many sign-in attempts. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again, or reset your password."
            }
        }
    }

    /// Checks a password. The attempt is counted first, in one transaction, against the client's
    /// address and the account (`SignInThrottle`); past a limit it is refused without checking.
    public func signIn(email rawEmail: String?, password: String?, clientAddress: String?) async throws -> AccountRecord {
        guard let email = try? EmailAddress(validating: rawEmail), let password, !password.isEmpty else {
            throw SignInRefusal.wrongEmailOrPassword
        }
        let now = clock.now()
        let heldUntil: Date? = try await database.transaction { db in
            for subject in SignInThrottle.subjects(email: email, address: clientAddress) {
                let count = try await SignInThrottleRepository.count(subject.key, window: SignInThrottle.window, at: now, in: db)
                if count.attempts > subject.limit { return count.windowStartedAt.addingTimeInterval(SignInThrottle.window) }
            }
            return nil
        }
        if let heldUntil {
            throw SignInRefusal.tooManyAttempts(retryAfterMinutes: max(1, Int((heldUntil.timeIntervalSince(now) / 60).rounded(.up))))
        }
        let account = try await database.read { db in try await AccountRepository.find(email: email, in: db) }
        let matches = try await hasher.verify(password, against: account?.passwordHash ?? decoyHash)
        guard let account, matches, account.disabledAt == nil else {
            throw SignInRefusal.wrongEmailOrPassword
        }
        try await database.transaction { db in
            try await SignInThrottleRepository.forgive(SignInThrottle.forgiven(email: email, address: clientAddress), in: db)
            try await AccountRepository.recordSignIn(accountID: account.id, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.signed_in",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return account
    }

    // MARK: Web sessions

    public func startWebSession(for account: AccountRecord) async throws -> SecretToken {
        let token = SecretToken.generate()
        let now = clock.now()
        try await database.transaction { db in
            try await WebSessionRepository.insert(
                tokenHash: token.hash,
                accountID: account.id,
                createdAt: now,
                expiresAt: now.addingTimeInterval(Self.sessionLifetime(account.role)),
                in: db
            )
        }
        return token
    }

    public struct SignedIn: Sendable {
        public let account: AccountRecord
        /// The hash of the web session cookie, when signed in through the web.
        public let sessionHash: String?
        /// The API token in use, when signed in through the API.
        public let apiTokenID: UUID?
        /// Whether the account signs in with a second factor (read for staff only, who may be
        /// held at its set-up page; false for members).
        public var hasSecondFactor = false

        /// Staff who must set up a second factor before they may do anything else.
        public func mustEnrolSecondFactor(_ policy: StaffTwoFactorPolicy) -> Bool {
            account.role.isStaff && policy == .required && !hasSecondFactor
        }
    }

    /// The person behind a session cookie, if the session is live and the account enabled.
    public func resolveWebSession(cookieValue: String) async throws -> SignedIn? {
        let hash = SecretToken.hash(cookieValue)
        let now = clock.now()
        let found: (WebSessionRepository.Session, AccountRecord, Bool)? = try await database.read { db in
            guard let session = try await WebSessionRepository.findLive(tokenHash: hash, now: now, in: db),
                let account = try await AccountRepository.find(id: session.accountID, in: db),
                account.disabledAt == nil
            else { return nil }
            let hasSecondFactor = account.role.isStaff ? try await SecondFactorRepository.isConfirmed(accountID: account.id, in: db) : false
            return (session, account, hasSecondFactor)
        }
        guard let (session, account, hasSecondFactor) = found else { return nil }
        let idle = now.timeIntervalSince(session.lastSeenAt)
        if account.role.isStaff, idle > staffIdleTimeout {
            // A care-team screen left open shows many people's health data: it signs out.
            try await endWebSession(sessionHash: hash)
            return nil
        }
        // Record activity at most every ten minutes for members (a write per page view would
        // cost SQLite dearly) and every minute for staff, whose idle limit is short.
        if idle > (account.role.isStaff ? 60 : 600) {
            try await database.transaction { db in try await WebSessionRepository.touch(tokenHash: hash, at: now, in: db) }
        }
        return SignedIn(account: account, sessionHash: hash, apiTokenID: nil, hasSecondFactor: hasSecondFactor)
    }

    public func endWebSession(sessionHash: String) async throws {
        try await database.transaction { db in try await WebSessionRepository.delete(tokenHash: sessionHash, in: db) }
    }

    // MARK: Password change

    /// Changes the password after checking the current one; signs out every session and every
    /// API token, since a password change is often the response to a suspected leak. A web
    /// session is replaced by a new one (returned, for the new cookie), so a session id someone
    /// copied before the change opens nothing after it.
    @discardableResult
    public func changePassword(
        _ signedIn: SignedIn,
        current: String?,
        new: String?,
        confirmation: String?,
        clientAddress: String?
    ) async throws -> SecretToken? {
        let account = signedIn.account
        var errors = FieldErrorCollector()
        let currentMatches = try await hasher.verify(current ?? "", against: account.passwordHash)
        if !currentMatches {
            errors.add("currentPassword", "That isn't your current password.")
        }
        let newPassword = errors.check { () throws(FieldError) in
            try policy.validate(new, field: "newPassword", email: account.email)
        }
        if newPassword != nil, new != confirmation {
            errors.add("confirmPassword", "The two new passwords don't match. Type the same password in both boxes.")
        }
        if newPassword != nil, newPassword == current, currentMatches {
            errors.add("newPassword", "Choose a password different from your current one.")
        }
        try errors.throwIfAny()
        let hash = try await hasher.hash(newPassword!)
        let now = clock.now()
        let replacement = signedIn.sessionHash == nil ? nil : SecretToken.generate()
        try await database.transaction { db in
            try await AccountRepository.updatePassword(accountID: account.id, hash: hash, at: now, in: db)
            try await WebSessionRepository.deleteAll(accountID: account.id, in: db)
            if let replacement {
                try await WebSessionRepository.insert(
                    tokenHash: replacement.hash,
                    accountID: account.id,
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(Self.sessionLifetime(account.role)),
                    in: db
                )
            }
            try await APITokenRepository.deleteAll(accountID: account.id, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.password_changed",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return replacement
    }
}
