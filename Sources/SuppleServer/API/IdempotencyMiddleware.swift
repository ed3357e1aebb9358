import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SuppleCore
import SuppleStore

/// One rule for every API write a signed-in person retries: send an `Idempotency-Key` (header,
/// or `idempotencyKey` in the JSON body) and the write happens once. The key belongs to the
/// account that sent it; a replay with the same request gets the first answer again (marked
/// `Idempotent-Replayed: true`); the same key on a different request is refused with 422.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let ledger: IdempotencyLedger
    /// This server process: a claim left unanswered by another process (one that crashed, or
    /// another server) cannot be waited for.
    let instance = UUID().uuidString

    /// A claim with no answer yet, made by this process, is a request still running unless it is
    /// older than this. Otherwise its write landed (the claim commits with it) but its answer was
    /// lost, as when the server crashed between the two.
    static let unansweredClaimAge: TimeInterval = 30
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.uri.path.hasPrefix("/api/"),
            let account = context.signedIn?.account
        else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        request.body = .init(buffer: body)
        guard let key = try Self.key(request, body: body) else { return try await next(request, context) }

        let fingerprint = Self.fingerprint(request, body: body)
        if let earlier = try await ledger.earlier(accountID: account.id, key: key) {
            return try replay(earlier, fingerprint: fingerprint)
        }
        let claim = IdempotencyClaim(accountID: account.id, key: key, fingerprint: fingerprint, instance: instance, now: ledger.clock.now())
        var response: Response
        do {
            response = try await IdempotencyClaim.$current.withValue(claim) { try await next(request, context) }
        } catch is IdempotencyKeyInUse {
            return Self.stillRunning()
        }
        guard claim.hasLanded, (200..<300).contains(response.status.code) else { return response }
        // Keep the answer for replays. If this fails the write still stands; a replay then says
        // it was recorded without repeating the answer.
        let collector = BodyCollector()
        let written = response.body
        try await written.write(collector)
        response.body = .init(byteBuffer: collector.buffer)
        let status = response.status.code
        let contentType = response.headers[.contentType]
        let text = String(buffer: collector.buffer)
        try? await ledger.keep(accountID: account.id, key: key, status: status, contentType: contentType, body: text)
        return response
    }

    /// 409: a concurrent request holds the key. Its answer will be there for a replay shortly.
    private static func stillRunning() -> Response {
        ProblemDetails(status: .conflict, detail: "A request with this Idempotency-Key is being handled right now. Wait a moment and send it again.")
            .response(headers: [.retryAfter: "1"])
    }

    private func replay(_ earlier: IdempotencyRepository.Entry, fingerprint: String) throws -> Response {
        guard earlier.fingerprint == fingerprint else {
            throw ValidationFailure(
                field: "idempotencyKey",
                message: "This Idempotency-Key was already used for a different request. Use a new key for a new request."
            )
        }
        guard let status = earlier.status, let body = earlier.body else {
            if earlier.claimedBy == instance, ledger.clock.now().timeIntervalSince(earlier.createdAt) < Self.unansweredClaimAge {
                return Self.stillRunning()
            }
            var answer = try APIJSON.response(UnansweredReplay(), status: .ok)
            answer.headers[Self.replayedHeader] = "true"
            return answer
        }
        let buffer = ByteBuffer(string: body)
        var headers: HTTPFields = [Self.replayedHeader: "true", .contentLength: "\(buffer.readableBytes)"]
        if let contentType = earlier.contentType { headers[.contentType] = contentType }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: buffer))
    }

    struct UnansweredReplay: Encodable {
        let recorded = true
        let detail = "This request was recorded earlier; its first answer was not kept."
    }

    /// The key the routes read too (`IdempotencyKey.read`): the header, else a JSON body's
    /// `idempotencyKey`. A body that is not a JSON object has no key in it; its route says why.
    static func key(_ request: Request, body: ByteBuffer) throws -> String? {
        let inHeader = request.headers[.init("Idempotency-Key")!] != nil
        var json = (inHeader || body.readableBytes == 0 ? nil : try JSONBody.object(in: body)) ?? .empty
        return try IdempotencyKey.read(request, &json)
    }

    /// What makes two requests "the same": method, path with query, and body bytes.
    static func fingerprint(_ request: Request, body: ByteBuffer) -> String {
        var hash = SHA256()
        hash.update(data: Data("\(request.method.rawValue) \(request.uri.string)\n".utf8))
        hash.update(data: Data(buffer: body))
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// Gathers a response body written in pieces, to keep it for replays.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()
    func write(_ piece: ByteBuffer) async throws { buffer.writeImmutableBuffer(piece) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
