import Foundation
import SuppleCore
import SuppleStore

/// The sponsors an admin manages: the list, creating one (audited), one organization's roster
/// in numbers with its imports, and one import's report.
extension EligibilityService {
    typealias Organization = OrganizationRepository.Organization

    /// Every organization with how many members joined through it.
    func organizations() async throws -> (list: [Organization], memberCounts: [UUID: Int]) {
        try await database.read { db in (try await OrganizationRepository.list(in: db), try await OrganizationRepository.memberCounts(in: db)) }
    }

    func organization(slug: String) async throws -> Organization? {
        try await database.read { db in try await OrganizationRepository.find(slug: slug, in: db) }
    }

    /// Checks the fields, refuses a code already in use, and creates the organization. Returns its code.
    func createOrganization(
        slug: String?,
        name: String?,
        kind: String?,
        enrollmentMode: String?,
        by admin: AccountRecord,
        clientAddress: String?
    ) async throws -> String {
        let draft = try OrganizationDraft(
            slug: slug,
            name: name,
            kind: kind,
            enrollmentMode: enrollmentMode,
            kinds: OrganizationRepository.Kind.allCases.map(\.rawValue),
            modes: OrganizationRepository.EnrollmentMode.allCases.map(\.rawValue)
        )
        // The draft accepted only these raw values, so both always parse.
        guard let kind = OrganizationRepository.Kind(rawValue: draft.kind),
            let mode = OrganizationRepository.EnrollmentMode(rawValue: draft.enrollmentMode)
        else { throw ValidationFailure(field: "kind", message: "Choose the kind of organization.") }
        let now = clock.now()
        let organization = Organization(slug: draft.slug, name: draft.name, kind: kind, enrollmentMode: mode, createdAt: now)
        try await database.transaction { db in
            guard try await OrganizationRepository.find(slug: draft.slug, in: db) == nil else {
                throw ValidationFailure(field: "slug", message: "Another organization already uses this code. Choose another.")
            }
            try await OrganizationRepository.insert(organization, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin.id,
                    action: "admin.created_organization",
                    subjectAccountID: nil,
                    detail: "org=\(draft.slug) mode=\(draft.enrollmentMode)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return draft.slug
    }

    /// The roster in numbers on `day` (people listed, people covered) and the latest imports.
    func rosterOverview(
        of org: Organization,
        on day: String
    ) async throws -> (counts: (total: Int, covered: Int), imports: [RosterImportRepository.Record]) {
        try await database.read { db in
            (
                try await EligibilityRepository.rosterCounts(organizationID: org.id, on: day, in: db),
                try await RosterImportRepository.recent(organizationID: org.id, in: db)
            )
        }
    }

    /// One import of this organization with its rejected rows; nil when it is not theirs.
    func rosterImport(_ id: UUID, of org: Organization) async throws -> (record: RosterImportRepository.Record, rejections: [RosterRejection])? {
        try await database.read { db in
            guard let record = try await RosterImportRepository.find(id: id, organizationID: org.id, in: db) else { return nil }
            return (record, try await RosterImportRepository.rejections(importID: id, in: db))
        }
    }
}
