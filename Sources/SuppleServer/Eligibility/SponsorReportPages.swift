import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// A sponsor's report: counts and 12-week outcomes for its members as a group, as a page and as
/// CSV. No names or identifiers; groups under 11 are shown as "fewer than 11".
struct SponsorReportPages {
    let eligibility: EligibilityService
    let organizations: OrganizationPages
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/organizations/{slug}/report", use: show)
        router.get("/staff/organizations/{slug}/report.csv", use: csv)
    }

    func report(_ context: AppRequestContext, format: String) async throws -> (OrganizationRepository.Organization, SponsorReport) {
        let admin = try context.require(.viewSponsorReports).account
        let org = try await organizations.organization(context)
        let members = try await eligibility.sponsorReportMembers(of: org, by: admin, format: format, clientAddress: context.clientAddress)
        return (org, SponsorReport(members: members))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (org, report) = try await report(context, format: "page")
        return try pages.page(
            "staff_sponsor_report",
            title: "Report: \(org.name)",
            context: context,
            currentPath: "/staff/organizations",
            data: [
                "slug": org.slug, "name": org.name, "method": report.method,
                "lines": report.lines.map { ["metric": $0.metric, "label": $0.label, "value": $0.value, "note": $0.note] },
            ]
        )
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (org, report) = try await report(context, format: "csv")
        var table = CSVTable(header: ["metric", "value", "note"])
        for line in report.lines { table.append([line.metric, line.value, line.note]) }
        table.append(["method", "", report.method])
        let buffer = ByteBuffer(string: table.text)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentLength: "\(buffer.readableBytes)", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"supple-report-\(org.slug).csv\"",
            ],
            body: .init(byteBuffer: buffer)
        )
    }
}
