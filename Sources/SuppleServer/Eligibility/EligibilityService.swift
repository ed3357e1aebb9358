import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// Coverage checks and roster imports, shared by the web pages, the JSON API and the command
/// line. Checks are rate-limited in memory, per client address and per organization.
public struct EligibilityService: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let limits: RosterLimits
    let perAddress: AttemptLimiter
    let unconfirmedPerOrganization: AttemptLimiter
    /// How much of an organization's unconfirmed count one address has supplied.
    let addressShareOfOrganization: AttemptLimiter

    /// A person checking for themselves needs a few tries; enumeration needs thousands.
    public static let checksPerAddress = 10
    public static let addressWindow: TimeInterval = 15 * 60
    /// Unconfirmed checks against one organization, from anywhere, before it pauses. Each
    /// address adds at most `addressShareLimit` to it, so pausing an employer's checks takes
    /// hundreds of addresses, not the twenty it once took (issue 17, finding 13); one address
    /// is held by its own limit first.
    public static let unconfirmedPerOrganizationLimit = 1000
    public static let addressShareLimit = 3
    public static let organizationWindow: TimeInterval = 60 * 60
    /// How long a confirmed check may take to turn into an account.
    public static let passLifetime: TimeInterval = 60 * 60

    public init(database: any Database, clock: any WallClock, limits: RosterLimits) {
        self.database = database
        self.clock = clock
        self.limits = limits
        self.perAddress = AttemptLimiter(limit: Self.checksPerAddress, window: Self.addressWindow)
        self.unconfirmedPerOrganization = AttemptLimiter(limit: Self.unconfirmedPerOrganizationLimit, window: Self.organizationWindow)
        self.addressShareOfOrganization = AttemptLimiter(limit: Self.addressShareLimit, window: Self.organizationWindow)
    }

    /// Too many checks: try again after `retryAfterMinutes`.
    public struct TooManyChecks: Error, Sendable {
        public let retryAfterMinutes: Int
        public var message: String {
            "Too many coverage checks from here just now. Wait \(retryAfterMinutes) minute\(retryAfterMinutes == 1 ? "" : "s") and try again."
        }
    }

    public struct Result: Sendable {
        public let answer: CoverageAnswer
        /// For a covered answer: the one-time pass that links the coverage at sign-up.
        public let pass: String?
    }

    /// Organizations a person can choose from: those that enroll by roster.
    public func rosterOrganizations() async throws -> [OrganizationRepository.Organization] {
        try await database.read { db in try await OrganizationRepository.list(in: db) }.filter { $0.enrollmentMode == .roster }
    }

    public func check(_ question: CoverageQuestion, clientAddress: String?) async throws -> Result {
        let now = clock.now()
        if let until = perAddress.admit("addr:" + (clientAddress ?? "unknown"), now: now) {
            throw TooManyChecks(retryAfterMinutes: Self.minutes(until: until, now: now))
        }
        let organization = try await database.read { db in try await OrganizationRepository.find(slug: question.organization, in: db) }
        // An unknown code gets the same answer as a person not on the roster.
        guard let organization, organization.enrollmentMode == .roster else { return Result(answer: .notConfirmed, pass: nil) }
        let orgKey = "org:" + organization.id.uuidString
        if let until = unconfirmedPerOrganization.isBlocked(orgKey, now: now) {
            throw TooManyChecks(retryAfterMinutes: Self.minutes(until: until, now: now))
        }
        let matches = try await database.read { db in
            try await EligibilityRepository.matches(organizationID: organization.id, question: question, in: db)
        }
        let today = CalendarDate(now, in: TimeZone(identifier: "UTC")!).description
        let answer = CoverageAnswer.decide(
            organizationName: organization.name,
            matches: matches.map { ($0.coverageStart, $0.coverageEnd) },
            today: today
        )
        guard case .covered = answer else {
            if case .notConfirmed = answer,
                addressShareOfOrganization.admit(orgKey + "|" + (clientAddress ?? "unknown"), now: now) == nil
            {
                unconfirmedPerOrganization.count(orgKey, now: now)
            }
            return Result(answer: answer, pass: nil)
        }
        let current = matches.first { $0.coverageStart <= today && ($0.coverageEnd.map { $0 >= today } ?? true) }!
        let token = SecretToken.generate()
        try await database.transaction { db in
            try await EligibilityRepository.insertPass(
                tokenHash: token.hash,
                organizationID: organization.id,
                memberID: current.memberID,
                now: now,
                expiresAt: now.addingTimeInterval(Self.passLifetime),
                in: db
            )
        }
        return Result(answer: answer, pass: token.value)
    }

    static func minutes(until: Date, now: Date) -> Int { max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up))) }

    /// The roster person behind a usable pass, to prefill sign-up.
    public func person(forPass pass: String) async throws -> EligibilityRepository.Person? {
        let now = clock.now()
        return try await database.read { db in
            guard let found = try await EligibilityRepository.usablePass(tokenHash: SecretToken.hash(pass), now: now, in: db) else { return nil }
            return try await EligibilityRepository.person(organizationID: found.organizationID, memberID: found.memberID, in: db)
        }
    }
}

extension EligibilityService {
    /// The rows a sponsor report is computed from (no names, no health detail per person); the
    /// viewing is audited with the organization and the format asked for.
    func sponsorReportMembers(
        of org: OrganizationRepository.Organization,
        by admin: AccountRecord,
        format: String,
        clientAddress: String?
    ) async throws -> [SponsorReport.Member] {
        let now = clock.now()
        return try await database.transaction { db in
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "admin.viewed_sponsor_report",
                    subjectAccountID: nil,
                    detail: "org=\(org.slug) format=\(format)",
                    clientAddress: clientAddress
                ),
                in: db
            )
            return try await SponsorReportQuery.members(organizationID: org.id, now: now, in: db)
        }
    }
}
