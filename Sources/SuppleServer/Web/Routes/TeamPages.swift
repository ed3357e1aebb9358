import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The admin's team page: who is on staff and when each last signed in, inviting colleagues and
/// withdrawing invitations, disabling and enabling accounts, and making a password-reset link to
/// pass on in person (no link is ever written to the log).
struct TeamPages {
    let accounts: AccountService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/team", use: team)
        router.post("/staff/invitations", use: invite)
        router.post("/staff/invitations/{id}/withdraw", use: withdraw)
        router.post("/staff/team/{id}/disable", use: disable)
        router.post("/staff/team/{id}/enable", use: enable)
        router.post("/staff/team/{id}/reset-link", use: resetLink)
        router.post("/staff/team/{id}/two-factor/reset", use: resetTwoFactor)
    }

    /// What the page says at its top after an action.
    struct Banner {
        var notice = ""
        /// A one-time link to pass on, and what it is for.
        var link: (heading: String, url: String)?
    }

    @Sendable func team(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: nil)
    }

    func teamPage(
        _ signedIn: AccountService.SignedIn,
        context: AppRequestContext,
        banner: Banner,
        values: [String: String],
        failure: ValidationFailure?
    ) async throws -> Response {
        let viewer = signedIn.account
        let (staff, invitations, withSecondFactor) = try await accounts.teamOverview()
        let chosenRole = values["role"] ?? Role.physicalTherapist.rawValue
        var data: [String: Any] = [
            "staff": staff.map { person in
                [
                    "id": person.id.uuidString.lowercased(), "name": person.name.value, "role": person.role.displayName,
                    "email": person.email.value, "joined": DisplayFormats.day(person.createdAt, in: viewer.timeZone),
                    "lastSignIn": person.lastSignedInAt.map { DisplayFormats.moment($0, in: viewer.timeZone) } ?? "Never",
                    "disabled": person.disabledAt != nil, "isYou": person.id == viewer.id,
                    "twoStep": withSecondFactor.contains(person.id),
                ]
            },
            "openInvitations": invitations.map {
                [
                    "id": $0.tokenHash, "email": $0.email.value, "role": $0.role?.displayName ?? "",
                    "expires": DisplayFormats.day($0.expiresAt, in: viewer.timeZone),
                ]
            },
            "hasOpenInvitations": !invitations.isEmpty,
            "roles": Role.staffRoles.map { ["value": $0.rawValue, "label": $0.displayName, "checked": $0.rawValue == chosenRole] },
            "values": values,
            "notice": banner.notice,
        ]
        if let link = banner.link { data["oneTimeLink"] = ["heading": link.heading, "url": link.url] }
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "staff_team",
            title: "Care team",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/staff/team",
            data: data
        )
    }

    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        do {
            let sent = try await accounts.inviteStaff(
                email: context.form["email"],
                role: context.form["role"],
                by: signedIn.account,
                clientAddress: context.clientAddress
            )
            let heading =
                "Invitation ready for \(sent.email.value) (\(sent.role.displayName)). Send them this link yourself: it works once, for 7 days."
            return try await teamPage(signedIn, context: context, banner: Banner(link: (heading, sent.url)), values: [:], failure: nil)
        } catch let failure as ValidationFailure {
            let values = ["email": String((context.form["email"] ?? "").prefix(254)), "role": context.form["role"] ?? ""]
            return try await teamPage(signedIn, context: context, banner: Banner(), values: values, failure: failure)
        }
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        let id = try context.parameters.require("id")
        do {
            let email = try await accounts.withdrawInvitation(id: id, by: signedIn.account, clientAddress: context.clientAddress)
            return try await teamPage(
                signedIn,
                context: context,
                banner: Banner(notice: "The invitation for \(email.value) is withdrawn: its link no longer works."),
                values: [:],
                failure: nil
            )
        } catch let failure as ValidationFailure {
            return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: failure)
        }
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        do {
            let done = try await accounts.disableStaff(accountID: try accountID(context), by: signedIn.account, clientAddress: context.clientAddress)
            let handed =
                done.membersHandedOver == 0
                ? "" : " Their \(done.membersHandedOver) member\(done.membersHandedOver == 1 ? " was" : "s were") handed to colleagues."
            return try await teamPage(
                signedIn,
                context: context,
                banner: Banner(notice: "\(done.account.name.value) is disabled and signed out everywhere.\(handed)"),
                values: [:],
                failure: nil
            )
        } catch let failure as ValidationFailure {
            return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: failure)
        }
    }

    @Sendable func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        do {
            try await accounts.enableStaff(accountID: try accountID(context), by: signedIn.account, clientAddress: context.clientAddress)
            return try await teamPage(signedIn, context: context, banner: Banner(notice: "The account can sign in again."), values: [:], failure: nil)
        } catch let failure as ValidationFailure {
            return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: failure)
        }
    }

    @Sendable func resetLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        do {
            let link = try await accounts.issuePasswordReset(.id(try accountID(context)), by: signedIn.account, clientAddress: context.clientAddress)
            let heading =
                "Password-reset link for \(link.email.value). Give it to them yourself: it works once, for an hour, and any earlier link has stopped working."
            return try await teamPage(signedIn, context: context, banner: Banner(link: (heading, link.url)), values: [:], failure: nil)
        } catch let failure as ValidationFailure {
            return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: failure)
        }
    }

    /// A colleague lost their phone and their recovery codes: their second factor goes, they are
    /// signed out, and they set it up again at their next sign-in.
    @Sendable func resetTwoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedIn = try context.require(.manageStaff)
        do {
            let account = try await accounts.resetSecondFactor(
                accountID: try accountID(context),
                by: signedIn.account,
                clientAddress: context.clientAddress
            )
            return try await teamPage(
                signedIn,
                context: context,
                banner: Banner(notice: "Two-step sign-in for \(account.name.value) is reset; they set it up again when they next sign in."),
                values: [:],
                failure: nil
            )
        } catch let failure as ValidationFailure {
            return try await teamPage(signedIn, context: context, banner: Banner(), values: [:], failure: failure)
        }
    }

    func accountID(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        return id
    }
}
