import Hummingbird

/// Where staff must use two-step sign-in, a staff member who has not set it up can reach only
/// its set-up page (and sign out) until they have. The API answers 403 to them.
struct SecondFactorGateMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let policy: StaffTwoFactorPolicy

    static let setUpPath = "/account/two-factor"

    static func isOpenDuringSetUp(_ path: String) -> Bool {
        path == setUpPath || path.hasPrefix(setUpPath + "/") || path == "/signout" || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let signedIn = context.signedIn, signedIn.mustEnrolSecondFactor(policy),
            !Self.isOpenDuringSetUp(request.uri.path)
        else {
            return try await next(request, context)
        }
        if request.uri.path.hasPrefix("/api/") {
            throw APIProblem(status: .forbidden, detail: "Set up two-step sign-in on the web (Account, then Two-step sign-in) before using the API.")
        }
        return .redirect(to: Self.setUpPath)
    }
}
