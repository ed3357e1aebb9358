import Hummingbird
import Logging
import NIOCore
import SuppleCore
import SuppleStore

/// A signed-out visitor asked for a page that needs an account.
struct SignInRequired: Error {}

extension HTTPResponse.Status {
    /// 507 (RFC 4918): the server has no room to store what was sent.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

/// Turns every error into an answer a person can use: a friendly HTML page for the web, an
/// RFC 9457 problem for the API. Unexpected errors are logged by type and request id only;
/// their messages could contain someone's data. A database fault (down, slow past its deadline,
/// full, read-only) is 503 or 507 with `Retry-After`, logged with the engine's code.
struct ErrorPagesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let isAPI = request.uri.path.hasPrefix("/api/")
            let (status, message) = classify(error, context: context)
            if !isAPI, error is SignInRequired {
                // Come back to the page after signing in; a form post cannot be replayed, so
                // after one the person starts again from their home page.
                guard request.method == .get else { return .redirect(to: "/signin") }
                return .redirect(
                    to: "/signin?next=\(request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/"])) ?? "/")"
                )
            }
            var extraHeaders: HTTPFields = [:]
            if let fault = error as? StoreFault { extraHeaders[.retryAfter] = "\(fault.retryAfterSeconds)" }
            if error is CancellationError { extraHeaders[.retryAfter] = "5" }
            if let busy = error as? DoorBusy { extraHeaders[.retryAfter] = "\(busy.retryAfterSeconds)" }
            if let limited = error as? RequestLimitReached { extraHeaders[.retryAfter] = "\(limited.retryAfterMinutes * 60)" }
            if isAPI {
                return apiProblem(for: error, status: status, message: message).response(headers: extraHeaders)
            }
            let heading: String
            switch status {
            case .notFound: heading = "We can't find that page"
            case .forbidden: heading = "That page isn't open to you"
            case .contentTooLarge: heading = "That was more than we can accept"
            case .internalServerError: heading = "Something went wrong on our side"
            case .serviceUnavailable, .insufficientStorage: heading = "Supple can't save or load that just now"
            default: heading = status.reasonPhrase
            }
            var page =
                (try? pages.page(
                    "error",
                    title: heading,
                    context: context,
                    status: status,
                    data: ["heading": heading, "message": message, "requestID": status.code >= 500 ? context.id : ""]
                )) ?? Response(status: status)
            page.headers.append(contentsOf: extraHeaders)
            return page
        }
    }

    /// Field problems and sign-in refusals carry more for an API client than the page does.
    func apiProblem(for error: any Error, status: HTTPResponse.Status, message: String) -> ProblemDetails {
        switch error {
        case let failure as ValidationFailure:
            return ProblemDetails(status: .unprocessableContent, detail: "Some fields need fixing.", errors: failure.errors)
        case let problem as FieldError:
            return ProblemDetails(status: .unprocessableContent, detail: "Some fields need fixing.", errors: [problem])
        case let refusal as AccountService.SignInRefusal:
            if case .tooManyAttempts = refusal { return ProblemDetails(status: .tooManyRequests, detail: refusal.message) }
            return ProblemDetails(status: .unauthorized, detail: refusal.message)
        case is SignInRequired:
            return ProblemDetails(status: .unauthorized, detail: "Send a bearer token from POST /api/v1/tokens in the Authorization header.")
        default:
            return ProblemDetails(status: status, detail: message)
        }
    }

    func classify(_ error: any Error, context: Context) -> (HTTPResponse.Status, String) {
        switch error {
        case is SignInRequired:
            return (.unauthorized, "Sign in to continue.")
        case let fault as StoreFault:
            context.logger.error("Database fault", metadata: ["fault": "\(fault.kind.rawValue)", "code": "\(fault.code)"])
            let status: HTTPResponse.Status = fault.kind == .diskFull ? .insufficientStorage : .serviceUnavailable
            return (status, "Nothing was changed. Please try again in a minute; if you were saving something, it is safe to send it again.")
        case is CancellationError:
            // The server is stopping and its grace period ran out before this request finished.
            return (.serviceUnavailable, "Supple is restarting. Nothing was changed; please send it again in a moment.")
        case is AccessDenied:
            return (.forbidden, "Your account doesn't have access to this. If you think it should, ask your program admin.")
        case let failure as ValidationFailure:
            return (.unprocessableContent, failure.errors.map(\.message).joined(separator: " "))
        case let problem as FieldError:
            return (.unprocessableContent, problem.message)
        case let refusal as AccountService.SignInRefusal:
            if case .tooManyAttempts = refusal { return (.tooManyRequests, refusal.message) }
            return (.unauthorized, refusal.message)
        case let busy as DoorBusy:
            return (.tooManyRequests, busy.message)
        case let limited as RequestLimitReached:
            return (.tooManyRequests, limited.message)
        case let refusal as AccountService.SecondFactorRefusal:
            if case .tooManyAttempts = refusal { return (.tooManyRequests, refusal.message) }
            return (.unauthorized, refusal.message)
        case is NIOTooManyBytesError:
            return (.contentTooLarge, "What you sent is too large. Shorten it and try again.")
        case let problem as APIProblem:
            return (problem.status, problem.detail)
        case is CSRFRejected:
            return (.forbidden, "This form was open too long or came from somewhere else. Go back, reload the page and try again.")
        case let http as HTTPError:
            switch http.status {
            case .notFound:
                return (.notFound, "The address may be mistyped, or the page may have moved.")
            case .contentTooLarge:
                return (.contentTooLarge, "What you sent is too large. Shorten it and try again.")
            case .methodNotAllowed:
                return (.methodNotAllowed, "That action isn't available here.")
            default:
                let status = http.status
                return (status, status.code < 500 ? (http.body ?? status.reasonPhrase) : "Please try again in a moment.")
            }
        default:
            var metadata: Logger.Metadata = ["error.type": "\(String(reflecting: type(of: error)))"]
            if let code = StoreFault.engineCode(of: error) { metadata["code"] = "\(code)" }
            context.logger.error("Unhandled error", metadata: metadata)
            return (.internalServerError, "Please try again in a moment. Nothing you entered has been half-saved.")
        }
    }
}
