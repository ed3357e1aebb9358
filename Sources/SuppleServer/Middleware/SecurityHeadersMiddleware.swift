import Hummingbird

/// Headers that close whole classes of attack: no inline script (CSP), no framing, no MIME
/// sniffing, no referrer leaking one-time links to other sites, and no caching of pages that
/// may hold health information.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let strictTransport: Bool

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), payment=()"
        response.headers[.init("Cross-Origin-Opener-Policy")!] = "same-origin"
        if strictTransport {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
