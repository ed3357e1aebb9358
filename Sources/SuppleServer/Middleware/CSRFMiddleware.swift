import Crypto
import Foundation
import Hummingbird

/// The form came without the token this browser was given, or with someone else's.
struct CSRFRejected: Error {}

/// Protects every web form from cross-site submission. Every form carries a token in a hidden
/// `_csrf` field, and a POST whose token is not the expected one is refused; another site can
/// make a browser send cookies but cannot read a page to learn the token.
///
/// - Signed in, the token is derived from the session cookie (`sessionBound`), so it is bound
///   to that session and changes whenever the session does: at sign-in and at password change.
/// - Not signed in (the sign-in and join forms), it is a double-submit token: a random value in
///   its own HttpOnly cookie, which the form must repeat.
///
/// It also reads the form body once, so handlers take their fields from `context.form`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let secureCookies: Bool

    static let cookieName = "supple_csrf"
    static let fieldName = "_csrf"

    /// The only paths that take a streamed multipart upload.
    static func isUploadPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 4 && parts[0] == "staff" && parts[1] == "organizations" && parts[3] == "roster"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The API authenticates with bearer tokens, never cookies, so it needs no CSRF token.
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var context = context
        var request = request
        let existing = (request.cookies[Self.cookieName]?.value).flatMap { $0.count == 43 ? $0 : nil }
        let session = context.signedIn?.sessionHash == nil ? nil : request.cookies[SessionCookie.name]?.value
        let expected = session.map(Self.sessionBound) ?? existing
        context.csrfToken = expected ?? SecretToken.generate().value

        if request.method == .post, Self.isUploadPath(request.uri.path),
            request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
        {
            // A file upload streams: its handler reads the `_csrf` part, which the form sends
            // first, and compares it with this cookie before reading the file.
            context.uploadCSRFExpected = expected ?? ""
        } else if ![.get, .head, .options].contains(request.method) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormFields(urlEncoded: String(buffer: body))
            guard let expected, let sent = context.form[Self.fieldName],
                SecretToken.constantTimeEquals(expected, sent)
            else {
                throw CSRFRejected()
            }
        }
        var response = try await next(request, context)
        if session == nil, existing == nil {
            response.setCookie(
                Cookie(
                    name: Self.cookieName,
                    value: context.csrfToken,
                    path: "/",
                    secure: secureCookies,
                    httpOnly: true,
                    sameSite: .lax
                )
            )
        }
        return response
    }

    /// The form token of one web session: an HMAC of the session cookie, so a page that leaks
    /// the token leaks nothing that signs anyone in, and a new session means a new token.
    static func sessionBound(_ sessionCookie: String) -> String {
        let key = SymmetricKey(data: Data(sessionCookie.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data("supple-form-token".utf8), using: key)).base64URLEncoded
    }
}
