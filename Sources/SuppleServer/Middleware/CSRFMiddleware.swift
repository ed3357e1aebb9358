import Hummingbird

/// The form came without the token this browser was given, or with someone else's.
struct CSRFRejected: Error {}

/// Protects every web form from cross-site submission with a double-submit token: the browser
/// holds a random token in a cookie, every form carries the same token in a hidden `_csrf`
/// field, and a POST whose two copies differ is refused. Another site can make a browser send
/// the cookie but cannot read it to fill in the field.
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
        let token = existing ?? SecretToken.generate().value
        context.csrfToken = token

        if request.method == .post, Self.isUploadPath(request.uri.path),
           request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            // A file upload streams: its handler reads the `_csrf` part, which the form sends
            // first, and compares it with this cookie before reading the file.
            context.uploadCSRFCookie = existing ?? ""
        } else if ![.get, .head, .options].contains(request.method) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormFields(urlEncoded: String(buffer: body))
            guard let existing, let sent = context.form[Self.fieldName],
                  SecretToken.constantTimeEquals(existing, sent) else {
                throw CSRFRejected()
            }
        }
        var response = try await next(request, context)
        if existing == nil {
            response.setCookie(Cookie(
                name: Self.cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax
            ))
        }
        return response
    }
}
