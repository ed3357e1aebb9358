import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// Admin pages for sponsors: the list of organizations, creating one, and one organization's
/// roster with its import history.
struct OrganizationPages {
    let eligibility: EligibilityService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/organizations", use: list)
        router.post("/staff/organizations", use: create)
        router.get("/staff/organizations/{slug}", use: show)
        router.get("/staff/organizations/{slug}/imports/{id}", use: importReport)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.manageOrganizations)
        return try await listPage(context: context, values: [:], failure: nil)
    }

    func listPage(context: AppRequestContext, values: [String: String], failure: ValidationFailure?) async throws -> Response {
        let (organizations, counts) = try await eligibility.organizations()
        let kind = values["kind"] ?? OrganizationRepository.Kind.employer.rawValue
        let mode = values["enrollmentMode"] ?? OrganizationRepository.EnrollmentMode.roster.rawValue
        var data: [String: Any] = [
            "organizations": organizations.map { org -> [String: Any] in
                ["slug": org.slug, "name": org.name, "kind": org.kind.label, "mode": org.enrollmentMode.rawValue, "members": counts[org.id] ?? 0]
            },
            "hasOrganizations": !organizations.isEmpty,
            "kinds": OrganizationRepository.Kind.allCases.map { ["value": $0.rawValue, "label": $0.label, "checked": $0.rawValue == kind] },
            "modes": OrganizationRepository.EnrollmentMode.allCases.map {
                ["value": $0.rawValue, "label": $0.label, "checked": $0.rawValue == mode]
            },
            "values": values,
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "staff_organizations",
            title: "Organizations",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/staff/organizations",
            data: data
        )
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.require(.manageOrganizations).account
        let form = context.form
        let values = [
            "slug": form["slug"] ?? "", "name": form["name"] ?? "", "kind": form["kind"] ?? "", "enrollmentMode": form["enrollmentMode"] ?? "",
        ]
        .mapValues { String($0.prefix(100)) }
        do {
            let slug = try await eligibility.createOrganization(
                slug: form["slug"],
                name: form["name"],
                kind: form["kind"],
                enrollmentMode: form["enrollmentMode"],
                by: admin,
                clientAddress: context.clientAddress
            )
            return .redirect(to: "/staff/organizations/\(slug)?done=created")
        } catch let failure as ValidationFailure {
            return try await listPage(context: context, values: values, failure: failure)
        }
    }

    func organization(_ context: AppRequestContext) async throws -> OrganizationRepository.Organization {
        let slug = try context.parameters.require("slug")
        guard let found = try await eligibility.organization(slug: slug) else {
            throw HTTPError(.notFound)
        }
        return found
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.require(.manageOrganizations).account
        let org = try await organization(context)
        let notice = request.uri.queryParameters["done"] == "created" ? "Organization created. Import its roster below." : ""
        return try await organizationPage(org, viewer: admin, context: context, extra: ["notice": notice])
    }

    /// One organization: its roster in numbers, the import form and the import history.
    func organizationPage(
        _ org: OrganizationRepository.Organization,
        viewer: AccountRecord,
        context: AppRequestContext,
        status: HTTPResponse.Status = .ok,
        extra: [String: Any] = [:]
    ) async throws -> Response {
        let today = CalendarDate(eligibility.clock.now(), in: viewer.timeZone.timeZone).description
        let (counts, imports) = try await eligibility.rosterOverview(of: org, on: today)
        var data: [String: Any] = [
            "slug": org.slug, "name": org.name, "kind": org.kind.label, "modeLabel": org.enrollmentMode.label,
            "isRoster": org.enrollmentMode == .roster, "rosterTotal": counts.total, "rosterCovered": counts.covered, "today": today,
            "maxSize": RosterRefusal.size(eligibility.limits.maxBytes),
            "maxShare": RosterRefusal.percent(eligibility.limits.maxRejectedShare * 100),
            "imports": imports.map { ImportView.row($0, slug: org.slug, zone: viewer.timeZone) },
            "hasImports": !imports.isEmpty,
            "canSeeReport": AccessPolicy.permits(viewer.actor, .viewSponsorReports),
            "values": ["asOf": today],
        ]
        data.merge(extra) { _, new in new }
        return try pages.page(
            "staff_organization",
            title: org.name,
            context: context,
            status: status,
            currentPath: "/staff/organizations",
            data: data
        )
    }

    @Sendable func importReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.require(.manageOrganizations).account
        let org = try await organization(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        guard let (record, rejections) = try await eligibility.rosterImport(id, of: org) else { throw HTTPError(.notFound) }
        var row = ImportView.row(record, slug: org.slug, zone: admin.timeZone)
        row["rejections"] = rejections.map(ImportView.rejection)
        row["hasRejections"] = !rejections.isEmpty
        row["moreRejections"] = record.summary.rejected > rejections.count
        return try pages.page(
            "staff_roster_import",
            title: "Roster import",
            context: context,
            currentPath: "/staff/organizations",
            data: [
                "slug": org.slug, "name": org.name, "import": row,
                "notice": request.uri.queryParameters["done"] == "imported" ? "Roster imported." : "",
            ]
        )
    }
}

/// How an import and its rejected rows appear on the admin pages.
enum ImportView {
    static func row(_ record: RosterImportRepository.Record, slug: String, zone: MemberTimeZone) -> [String: Any] {
        let s = record.summary
        return [
            "id": record.id.uuidString.lowercased(), "url": "/staff/organizations/\(slug)/imports/\(record.id.uuidString.lowercased())",
            "fileName": record.fileName, "mode": record.mode, "asOf": record.asOf, "source": record.source,
            "when": DisplayFormats.day(record.importedAt, in: zone),
            "rowsRead": s.rowsRead, "added": s.added, "updated": s.updated, "unchanged": s.unchanged, "ended": s.ended, "rejected": s.rejected,
        ]
    }

    static func rejection(_ rejection: RosterRejection) -> [String: Any] {
        ["line": rejection.line, "field": rejection.field, "reason": rejection.reason]
    }
}
