import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// A staff member's own saved replies: add, list, delete. Nobody else sees them.
struct SavedReplyPages {
    let replies: SavedReplyService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/replies", use: list)
        router.post("/staff/replies", use: add)
        router.post("/staff/replies/{id}/delete", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        return try await page(viewer, context: context, notice: request.uri.queryParameters["done"] == "deleted" ? "Saved reply deleted." : "")
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        do {
            try await replies.add(title: context.form["title"], body: context.form["body"], by: viewer)
            return .redirect(to: "/staff/replies")
        } catch let failure as ValidationFailure {
            return try await page(
                viewer,
                context: context,
                values: ["title": context.form["title"] ?? "", "body": context.form["body"] ?? ""],
                failure: failure
            )
        }
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.messageMembers).account
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw HTTPError(.notFound) }
        guard try await replies.delete(id, by: viewer) else { throw HTTPError(.notFound) }
        return .redirect(to: "/staff/replies?done=deleted")
    }

    func page(
        _ viewer: AccountRecord,
        context: AppRequestContext,
        notice: String = "",
        values: [String: String] = [:],
        failure: ValidationFailure? = nil
    ) async throws -> Response {
        let replies = try await replies.list(for: viewer)
        var data: [String: Any] = [
            "replies": replies.map { ["id": $0.id.uuidString.lowercased(), "title": $0.title, "body": $0.body] }, "hasReplies": !replies.isEmpty,
            "values": values, "notice": notice,
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "staff_replies",
            title: "Saved replies",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/staff/replies",
            data: data
        )
    }
}
