import HTTPTypes
import Hummingbird

/// Puts the real client's address on the request, through trusted proxies only: what the audit
/// log records and what every per-address limit counts.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = proxies.client(peer: context.clientAddress, forwardedFor: request.headers[Self.forwardedFor])
        return try await next(request, context)
    }
}
