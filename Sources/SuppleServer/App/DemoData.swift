import Foundation
import SuppleCore
import SuppleStore

/// A small, believable program to look around in: one employer, its admin, a physical
/// therapist, a health coach and three members. Loading it twice changes nothing.
public enum DemoData {
    public static let password = "supple-demo-2026"
    public static let organizationSlug = "lakeside-demo"

    public struct SignIn: Sendable {
        public let role: Role
        public let email: String
    }

    static let people: [(name: String, email: String, role: Role, dateOfBirth: String?, timeZone: String)] = [
        ("Avery Demo", "admin@example.org", .admin, nil, "America/Chicago"),
        ("Jordan Demo", "pt@example.org", .physicalTherapist, nil, "America/Chicago"),
        ("Sam Demo", "coach@example.org", .healthCoach, nil, "America/New_York"),
        ("Riley Demo", "riley@example.org", .member, "1979-03-14", "America/Chicago"),
        ("Casey Demo", "casey@example.org", .member, "1988-11-02", "America/Denver"),
        ("Morgan Demo", "morgan@example.org", .member, "1965-06-27", "America/Los_Angeles"),
    ]

    public static var signIns: [SignIn] { people.map { SignIn(role: $0.role, email: $0.email) } }

    /// Adds whatever part of the demo is missing. Returns true if anything was added.
    @discardableResult
    public static func load(into database: any Database, hasher: PasswordHasher, clock: any WallClock = SystemClock()) async throws -> Bool {
        let now = clock.now()
        let passwordHash = try await hasher.hash(password)
        return try await database.transaction { db in
            var added = false
            let organization: OrganizationRepository.Organization
            if let existing = try await OrganizationRepository.find(slug: organizationSlug, in: db) {
                organization = existing
            } else {
                organization = .init(slug: organizationSlug, name: "Lakeside Manufacturing (demo employer)", kind: .employer,
                                     enrollmentMode: .roster, createdAt: now)
                try await OrganizationRepository.insert(organization, in: db)
                added = true
            }
            for (index, person) in people.enumerated() {
                let email = EmailAddress(trusted: person.email)
                guard try await AccountRepository.find(email: email, in: db) == nil else { continue }
                // Stagger join times so lists have a believable order.
                let joined = now.addingTimeInterval(-Double(people.count - index) * 86_400 * 3)
                try await AccountRepository.insert(AccountRecord(
                    email: email, name: PersonName(trusted: person.name), role: person.role, passwordHash: passwordHash,
                    timeZone: MemberTimeZone(trusted: person.timeZone),
                    dateOfBirth: person.dateOfBirth.flatMap(CalendarDate.init(iso8601:)),
                    organizationID: person.role == .member ? organization.id : nil,
                    consentedAt: person.role == .member ? joined : nil, createdAt: joined
                ), in: db)
                added = true
            }
            return added
        }
    }
}
