import Foundation
import Hummingbird
import Mustache
import SuppleContent
import SuppleCore

/// Renders Mustache pages inside the shared layout. Mustache escapes every `{{value}}`, so text
/// a person typed can never become markup.
public struct PageRenderer: Sendable {
    /// The templates once per language, their marked texts already translated.
    let libraries: [Language: MustacheLibrary]
    let catalog: TextCatalog
    /// The operator's emergency number, shown beside every danger-sign message.
    let emergencyNumber: String?
    /// A demo installation says so on every page: its people are made up and their password is
    /// published, so nobody should type real health details into it.
    var isDemoInstallation = false

    public static func loadBundled(emergencyNumber: String? = nil, catalog: TextCatalog) throws -> PageRenderer {
        var libraries: [Language: MustacheLibrary] = [:]
        let templates = try bundledTemplates()
        for language in Language.allCases {
            var library = MustacheLibrary()
            for (name, text) in templates {
                try library.register(TemplateTranslation.translate(text, into: language, catalog: catalog), named: name)
            }
            libraries[language] = library
        }
        return PageRenderer(libraries: libraries, catalog: catalog, emergencyNumber: emergencyNumber)
    }

    /// Every bundled template's text by name (the file name without `.mustache`).
    static func bundledTemplates() throws -> [(String, String)] {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw BundledResourceMissing(name: "Templates")
        }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        return try files.filter { $0.pathExtension == "mustache" }.sorted { $0.path < $1.path }.map {
            ($0.deletingPathExtension().lastPathComponent, try String(contentsOf: $0, encoding: .utf8))
        }
    }

    /// A full page: the template's own data plus what the layout needs (who is signed in,
    /// navigation, the CSRF token for forms).
    public func page(
        _ template: String,
        title: String,
        context: AppRequestContext,
        status: HTTPResponse.Status = .ok,
        currentPath: String? = nil,
        data: [String: Any] = [:]
    ) throws -> Response {
        let language = context.language
        var values = layoutValues(title: catalog.text(title, in: language), context: context, currentPath: currentPath)
        values.merge(translated(data, into: language)) { _, page in page }
        guard let html = libraries[context.language]?.render(Self.withoutEmptyText(values), withTemplate: template) else {
            throw BundledResourceMissing(name: "template \(template)")
        }
        return Self.htmlResponse(html, status: status)
    }

    /// The page's data with every sentence the catalog knows put into `language`: labels,
    /// questions, triage messages and reasons built in English by the engine and the services.
    /// What people wrote (messages, notes, names, form values) is never looked up.
    func translated(_ data: [String: Any], into language: Language) -> [String: Any] {
        guard language != .english else { return data }
        func walk(_ value: Any, key: String) -> Any {
            guard !Self.verbatimKeys.contains(key) else { return value }
            switch value {
            case let text as String: return DisplayFormats.localizedDate(text, in: language) ?? catalog.text(text, in: language)
            case let nested as [String: Any]: return nested.reduce(into: [String: Any]()) { $0[$1.key] = walk($1.value, key: $1.key) }
            case let nested as [String: String]:
                return nested.reduce(into: [String: String]()) { $0[$1.key] = walk($1.value, key: $1.key) as? String }
            case let list as [[String: Any]]: return list.map { walk($0, key: key) }
            case let list as [String]: return list.map { walk($0, key: key) as? String ?? $0 }
            default: return value
            }
        }
        return walk(data, key: "") as? [String: Any] ?? data
    }

    /// Data keys that hold what a person typed or a name, shown exactly as written.
    static let verbatimKeys: Set<String> = [
        "values", "draft", "body", "careTeamNote", "careTeamNoteAuthor", "greetingName", "userName", "sender", "teamNames",
        "value", "email", "sentTo", "csrf", "key", "token", "q", "figure", "still", "figureAnimated", "figureStill", "painChart",
        "walkChart", "sessionChart", "pegChart", "psfsChart", "html", "references", "memberNote", "note", "qrSVG", "typedKey", "recoveryCodes",
        "next",
    ]

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
            if AccessPolicy.permits(context.actor, .exportAuditTrail) { nav.append(("/staff/audit", "Audit")) }
            nav += [("/library", "Library"), ("/account", "Account")]
        }
        let language = context.language
        let other = Language.allCases.first { $0 != language } ?? .english
        return [
            "lang": language.tag,
            "otherLanguage": ["tag": other.tag, "name": other.ownName],
            "uiText": ScriptText.json(in: language, catalog: catalog),
            "title": title,
            "csrf": context.csrfToken,
            "signedIn": account != nil,
            "userName": account?.name.value ?? "",
            "userRole": role?.displayName ?? "",
            "homePath": Self.homePath(for: role),
            "homeLabel": catalog.text(role == nil ? "the start page" : (role == .member ? "today's plan" : "the care-team workspace"), in: language),
            "bodyClass": role?.isStaff == true ? "staff" : "",
            "nav": nav.map { href, label -> [String: Any] in
                // On the thread itself the messages are being read, so no badge there.
                let unread = href == "/messages" && currentPath != "/messages" ? context.unreadMessages : 0
                return [
                    "href": href, "label": catalog.text(label, in: language), "current": href == currentPath, "hasBadge": unread > 0, "badge": unread,
                ]
            },
            "demoInstallation": isDemoInstallation,
            "emergencyHeading": catalog.text(EmergencySigns.heading, in: language),
            "emergencySigns": EmergencySigns.signs.map { catalog.text($0, in: language) },
            "emergencyWhatToDo": catalog.text(EmergencySigns.whatToDo, in: language),
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
