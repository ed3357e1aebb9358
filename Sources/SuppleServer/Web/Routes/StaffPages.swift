import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The care-team workspace: the queue, the member list, and accepting an invitation.
struct StaffPages {
    let accounts: AccountService
    let caseload: CaseloadService
    let pages: PageRenderer
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff", use: queue)
        router.post("/staff/alerts/{id}/resolve", use: resolve)
        router.get("/staff/members", use: members)
        router.get("/invite/{token}", use: showInvitation)
        router.post("/invite/{token}", use: acceptInvitation)
    }

    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.listMembers)
        let viewer = signedIn.account
        let (members, memberCount, staffCount) = try await caseload.roster(visibleTo: viewer, clientAddress: context.clientAddress)
        return try pages.page(
            "staff_home",
            title: "Members",
            context: context,
            currentPath: "/staff/members",
            data: [
                "memberCount": memberCount, "staffCount": staffCount, "hasMembers": !members.isEmpty,
                "members": members.map { member in
                    [
                        "id": member.id.uuidString.lowercased(), "name": member.name.value, "email": member.email.value,
                        "timeZone": member.timeZone.identifier,
                        "joined": DisplayFormats.day(member.createdAt, in: viewer.timeZone),
                    ]
                },
            ]
        )
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.openStaffWorkspace).account
        let now = accounts.clock.now()
        let rows = try await caseload.queue(for: viewer, clientAddress: context.clientAddress)
        return try pages.page(
            "staff_queue",
            title: "Queue",
            context: context,
            currentPath: "/staff",
            data: [
                "userName": viewer.name.value, "userRole": viewer.role.displayName, "count": rows.count,
                "items": rows.map { row in
                    [
                        "id": row.alertID?.uuidString.lowercased() ?? "", "memberID": row.memberID.uuidString.lowercased(),
                        "member": row.memberName, "reason": row.reason, "severity": row.label, "isMessage": row.alertID == nil,
                        "waited": Self.waited(since: row.since, now: now),
                    ]
                },
                "notice": request.uri.queryParameters["done"] == "resolved" ? "Alert resolved." : "",
            ]
        )
    }

    /// How long something has waited, plainly: "12 minutes", "3 hours", "2 days".
    static func waited(since start: Date, now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(start) / 60))
        switch minutes {
        case ..<60: return "\(minutes) minute\(minutes == 1 ? "" : "s")"
        case ..<(48 * 60):
            let hours = minutes / 60
            return "\(hours) hour\(hours == 1 ? "" : "s")"
        default: return "\(minutes / 1440) days"
        }
    }

    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.openStaffWorkspace).account
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        try await caseload.resolve(alert: id, note: context.form["note"], by: viewer, clientAddress: context.clientAddress)
        return .redirect(to: "/staff?done=resolved")
    }

    @Sendable func showInvitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let link = try await accounts.usableInvitation(token: token)
        return try invitationPage(link, token: token, context: context, values: [:], failure: nil)
    }

    func invitationPage(
        _ link: OneTimeLinkRepository.Link?,
        token: String,
        context: AppRequestContext,
        values: [String: String],
        failure: ValidationFailure?
    ) throws -> Response {
        var data: [String: Any] = [
            "linkExpired": link == nil, "token": token, "email": link?.email.value ?? "",
            "role": link?.role?.displayName.lowercased() ?? "", "values": values,
            "timeZones": DisplayFormats.timeZoneOptions(chosen: values["timeZone"]),
            "timeZoneChosen": values["timeZone"] != nil ? "true" : "false",
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        let status: HTTPResponse.Status = link == nil ? .gone : (failure == nil ? .ok : .unprocessableContent)
        return try pages.page("invite_accept", title: "Join the care team", context: context, status: status, data: data)
    }

    @Sendable func acceptInvitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = context.form
        do {
            let account = try await accounts.acceptInvitation(
                token: token,
                name: form["name"],
                password: form["password"],
                timeZone: form["timeZone"],
                clientAddress: context.clientAddress
            )
            return try await SessionCookie.signInAndRedirect(account, to: "/staff", accounts: accounts, secure: secureCookies)
        } catch let failure as ValidationFailure {
            let link = try await accounts.usableInvitation(token: token)
            let values = ["name": String((form["name"] ?? "").prefix(300)), "timeZone": form["timeZone"] ?? "UTC"]
            return try invitationPage(link, token: token, context: context, values: values, failure: failure)
        } catch is AccountService.LinkNoLongerValid {
            return try invitationPage(nil, token: token, context: context, values: [:], failure: nil)
        }
    }
}
