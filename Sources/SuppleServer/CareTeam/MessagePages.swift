import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The message thread on both sides: the member's `/messages`, and the care team's view of one
/// member's thread with their saved replies.
struct MessagePages {
    let messaging: MessagingService
    let access: RecordAccess
    let replies: SavedReplyService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/messages", use: memberThread)
        router.post("/messages", use: memberSend)
        router.get("/staff/members/{id}/messages", use: staffThread)
        router.post("/staff/members/{id}/messages", use: staffSend)
    }

    @Sendable func memberThread(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        return try await memberPage(member, context: context, sent: request.uri.queryParameters["done"] == "sent")
    }

    @Sendable func memberSend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        do {
            try await messaging.send(
                context.form["body"],
                from: member,
                threadOf: member.id,
                idempotencyKey: context.form["key"] ?? "",
                clientAddress: context.clientAddress
            )
            return .redirect(to: "/messages?done=sent#latest")
        } catch let failure as ValidationFailure {
            return try await memberPage(member, context: context, draft: context.form["body"] ?? "", failure: failure)
        }
    }

    func memberPage(
        _ member: AccountRecord,
        context: AppRequestContext,
        sent: Bool = false,
        draft: String = "",
        failure: ValidationFailure? = nil
    ) async throws -> Response {
        let messages = try await messaging.read(threadOf: member.id, by: member, clientAddress: context.clientAddress)
        let team = try await messaging.careTeam(of: member.id)
        var data: [String: Any] = [
            "messages": MessagingService.view(messages, reader: member), "hasMessages": !messages.isEmpty,
            "hasTeam": !team.isEmpty, "teamNames": team.map { "\($0.name) (\($0.role.displayName.lowercased()))" }.joined(separator: " and "),
            "draft": draft, "key": SecretToken.generate().value,
            "notice": sent ? "Sent. Your care team usually answers within one working day." : "",
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "messages",
            title: "Messages",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/messages",
            data: data
        )
    }

    @Sendable func staffThread(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        let member = try await access.member(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        var draft = ""
        if let chosen = request.uri.queryParameters["reply"].flatMap({ UUID(uuidString: String($0)) }) {
            draft = try await replies.reply(chosen, of: viewer)?.body ?? ""
        }
        return try await staffPage(member, viewer: viewer, context: context, sent: request.uri.queryParameters["done"] == "sent", draft: draft)
    }

    @Sendable func staffSend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        let member = try await access.member(context.parameters.get("id"), viewer: viewer, clientAddress: context.clientAddress)
        do {
            try await messaging.send(
                context.form["body"],
                from: viewer,
                threadOf: member.id,
                idempotencyKey: context.form["key"] ?? "",
                clientAddress: context.clientAddress
            )
            return .redirect(to: "/staff/members/\(member.id.uuidString.lowercased())/messages?done=sent#latest")
        } catch let failure as ValidationFailure {
            return try await staffPage(member, viewer: viewer, context: context, draft: context.form["body"] ?? "", failure: failure)
        }
    }

    func staffPage(
        _ member: AccountRecord,
        viewer: AccountRecord,
        context: AppRequestContext,
        sent: Bool = false,
        draft: String,
        failure: ValidationFailure? = nil
    ) async throws -> Response {
        let messages = try await messaging.read(threadOf: member.id, by: viewer, clientAddress: context.clientAddress)
        let replies = try await replies.list(for: viewer)
        let memberID = member.id.uuidString.lowercased()
        var data: [String: Any] = [
            "memberName": member.name.value, "memberID": memberID,
            "messages": MessagingService.view(messages, reader: viewer), "hasMessages": !messages.isEmpty,
            "hasSavedReplies": !replies.isEmpty,
            "savedReplies": replies.map { ["id": $0.id.uuidString.lowercased(), "title": $0.title, "memberID": memberID] },
            "draft": String(draft.prefix(MessagingService.maxLength + 100)), "key": SecretToken.generate().value,
            "notice": sent ? "Message sent." : "",
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "staff_messages",
            title: "Messages: \(member.name.value)",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/staff/members",
            data: data
        )
    }
}
