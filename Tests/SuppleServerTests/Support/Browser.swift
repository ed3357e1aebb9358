import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A minimal browser over the test client: it keeps cookies between requests and fills in the
/// CSRF field the way a real form would, from the token on the page it last loaded.
final class Browser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The form token from the last page that had a form, and the session it was issued for.
    private var formToken: (value: String, session: String?)?

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }

        /// The body with HTML entities turned back into characters, for checking what a person reads.
        var text: String {
            body.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }

        /// The value of the hidden `_csrf` field on this page.
        var csrfToken: String? {
            guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// The token a form on a page loaded now would carry: the one from the last page with a
    /// form, or, if the session has changed since (signed in, out, or rotated), a fresh page's.
    func currentFormToken() async throws -> String? {
        if let formToken, formToken.session == cookies["supple_session"] { return formToken.value }
        try await get(cookies["supple_session"] == nil ? "/signin" : "/account")
        return formToken?.value
    }

    /// Submits a form as a browser would: urlencoded fields plus the page's CSRF token.
    @discardableResult
    func post(_ path: String, form fields: [(String, String)], includeCSRF: Bool = true) async throws -> Page {
        var all = fields
        if includeCSRF, let token = try await currentFormToken() { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            path,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for setCookie in response.headers[values: .setCookie] {
            let pair = setCookie.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || setCookie.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        if let token = page.csrfToken { formToken = (token, cookies["supple_session"]) }
        return page
    }

    func forgetCookie(_ name: String) { cookies[name] = nil }
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
    }
}

extension Browser {
    /// Signs in through the real form, with the password test accounts are created with.
    @discardableResult
    func signIn(_ email: String, password: String = "walk the dog at dawn") async throws -> Page {
        try await post("/signin", form: [("email", email), ("password", password)])
    }
}
