import Foundation
import SQLKit

/// Employers, health plans and clinics that sponsor members.
public enum OrganizationRepository {
    public enum Kind: String, Sendable, CaseIterable {
        case employer
        case healthPlan = "health_plan"
        case clinic

        public var label: String {
            switch self {
            case .employer: "Employer"
            case .healthPlan: "Health plan"
            case .clinic: "Clinic"
            }
        }
    }

    public enum EnrollmentMode: String, Sendable, CaseIterable {
        case roster, open

        public var label: String {
            switch self {
            case .roster: "Roster: covers only people on the eligibility file"
            case .open: "Open: enrolls anyone the clinic invites"
            }
        }
    }

    public struct Organization: Sendable, Equatable {
        public let id: UUID
        public let slug: String
        public let name: String
        public let kind: Kind
        public let enrollmentMode: EnrollmentMode
        public let createdAt: Date

        public init(id: UUID = UUID(), slug: String, name: String, kind: Kind, enrollmentMode: EnrollmentMode, createdAt: Date) {
            self.id = id
            self.slug = slug
            self.name = name
            self.kind = kind
            self.enrollmentMode = enrollmentMode
            self.createdAt = createdAt
        }
    }

    public static func insert(_ org: Organization, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO organizations (id, slug, name, kind, enrollment_mode, created_at)
            VALUES (\(bind: org.id.uuidString), \(bind: org.slug), \(bind: org.name), \(bind: org.kind.rawValue),
                \(bind: org.enrollmentMode.rawValue), \(bind: org.createdAt.storedMilliseconds))
            """
        ).run()
    }

    public static func find(slug: String, in db: any SQLDatabase) async throws -> Organization? {
        try await db.raw("SELECT * FROM organizations WHERE slug = \(bind: slug)").first().map(decode)
    }

    public static func find(id: UUID, in db: any SQLDatabase) async throws -> Organization? {
        try await db.raw("SELECT * FROM organizations WHERE id = \(bind: id.uuidString)").first().map(decode)
    }

    /// Every organization, by name.
    public static func list(in db: any SQLDatabase) async throws -> [Organization] {
        try await db.raw("SELECT * FROM organizations ORDER BY name, slug").all().map(decode)
    }

    /// Members enrolled through each organization.
    public static func memberCounts(in db: any SQLDatabase) async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for row in try await db.raw(
            """
            SELECT organization_id, COUNT(*) AS n FROM accounts WHERE role = 'member' AND organization_id IS NOT NULL GROUP BY organization_id
            """
        ).all() {
            if let id = UUID(uuidString: try row.decode(column: "organization_id", as: String.self)) {
                counts[id] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    static func decode(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .employer,
            enrollmentMode: EnrollmentMode(rawValue: try row.decode(column: "enrollment_mode", as: String.self)) ?? .roster,
            createdAt: try row.instant("created_at")
        )
    }
}
