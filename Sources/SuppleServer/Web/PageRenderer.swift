import Foundation
import Hummingbird
import Mustache
import SuppleCore

/// Renders Mustache pages inside the shared layout. Mustache escapes every `{{value}}`, so text
/// a person typed can never become markup.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The operator's emergency number, shown beside every danger-sign message.
    let emergencyNumber: String?

    public static func loadBundled(emergencyNumber: String? = nil) async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw BundledResourceMissing(name: "Templates")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path), emergencyNumber: emergencyNumber)
    }

    /// A full page: the template's own data plus what the layout needs (who is signed in,
    /// navigation, the CSRF token for forms).
    public func page(
        _ template: String, title: String, context: AppRequestContext, status: HTTPResponse.Status = .ok,
        currentPath: String? = nil, data: [String: Any] = [:]
    ) throws -> Response {
        var values = layoutValues(title: title, context: context, currentPath: currentPath)
        values.merge(data) { _, page in page }
        guard let html = library.render(Self.withoutEmptyText(values), withTemplate: template) else {
            throw BundledResourceMissing(name: "template \(template)")
        }
        return Self.htmlResponse(html, status: status)
    }

    /// Mustache treats any string, even an empty one, as true in a `{{#section}}`. Dropping empty
    /// strings lets templates write `{{#notice}}…{{/notice}}` for "if there is a notice".
    static func withoutEmptyText(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues { value -> Any? in
            switch value {
            case let text as String: return text.isEmpty ? nil : text
            case let nested as [String: Any]: return withoutEmptyText(nested)
            case let nested as [String: String]: return withoutEmptyText(nested)
            case let list as [[String: Any]]: return list.map(withoutEmptyText)
            default: return value
            }
        }
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status) -> Response {
        let buffer = ByteBuffer(string: html)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .contentLength: "\(buffer.readableBytes)"],
            body: .init(byteBuffer: buffer)
        )
    }

    func layoutValues(title: String, context: AppRequestContext, currentPath: String?) -> [String: Any] {
        let account = context.signedIn?.account
        let role = account?.role
        var nav: [(String, String)] = []
        switch role {
        case .none:
            nav = [("/library", "Library"), ("/signin", "Sign in"), ("/signup", "Join")]
        case .member:
            nav = [("/home", "Today"), ("/progress", "Progress"), ("/messages", "Messages"), ("/library", "Library"), ("/account", "Account")]
        case .some:
            nav = [("/staff", "Queue"), ("/staff/members", "Members"), ("/staff/replies", "Replies")]
            if AccessPolicy.permits(context.actor, .manageStaff) { nav.append(("/staff/team", "Team")) }
            if AccessPolicy.permits(context.actor, .manageOrganizations) { nav.append(("/staff/organizations", "Organizations")) }
            nav += [("/library", "Library"), ("/account", "Account")]
        }
        return [
            "title": title,
            "csrf": context.csrfToken,
            "signedIn": account != nil,
            "userName": account?.name.value ?? "",
            "userRole": role?.displayName ?? "",
            "homePath": Self.homePath(for: role),
            "homeLabel": role == nil ? "the start page" : (role == .member ? "today's plan" : "the care-team workspace"),
            "bodyClass": role?.isStaff == true ? "staff" : "",
            "nav": nav.map { href, label -> [String: Any] in
                // On the thread itself the messages are being read, so no badge there.
                let unread = href == "/messages" && currentPath != "/messages" ? context.unreadMessages : 0
                return ["href": href, "label": label, "current": href == currentPath, "hasBadge": unread > 0, "badge": unread]
            },
            "emergencyHeading": EmergencySigns.heading,
            "emergencySigns": EmergencySigns.signs,
            "emergencyWhatToDo": EmergencySigns.whatToDo,
            "emergencyNumber": emergencyNumber ?? "",
        ]
    }

    static func homePath(for role: Role?) -> String {
        switch role {
        case .none: "/"
        case .member: "/home"
        case .some: "/staff"
        }
    }
}

struct BundledResourceMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "A bundled resource is missing: \(name)" }
}
