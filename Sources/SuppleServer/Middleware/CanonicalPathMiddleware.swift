import Hummingbird

/// Refuses a path the router would read differently from the middleware (issue 17, finding 8):
/// `//api/v1/me` matched the API route, yet was not "/api/…" to the check that keeps cookies off
/// the API, so a session cookie alone read a member's data. Every layer decides on the path
/// exactly as written, so a path with an empty or dot segment is simply not found.
struct CanonicalPathMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static func isCanonical(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        // A trailing slash is an empty last segment; anywhere else an empty segment is "//".
        return !segments.dropLast().contains { $0.isEmpty || $0 == "." || $0 == ".." } && segments.last != "." && segments.last != ".."
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isCanonical(request.uri.path) else { throw HTTPError(.notFound) }
        return try await next(request, context)
    }
}
