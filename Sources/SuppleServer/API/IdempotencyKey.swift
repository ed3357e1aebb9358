import Hummingbird
import SuppleCore

/// The key that makes a retried API write store nothing twice: the `Idempotency-Key` header, or
/// `idempotencyKey` in the JSON body. One rule for every route that takes one.
enum IdempotencyKey {
    static let allowedLength = 8...100

    static func check(_ key: String) throws {
        guard allowedLength.contains(key.count) else {
            throw ValidationFailure(
                field: "idempotencyKey",
                message: "Use a key of \(allowedLength.lowerBound) to \(allowedLength.upperBound) characters."
            )
        }
    }

    /// The key the client sent, checked; nil when it sent none.
    static func read(_ request: Request, _ body: inout JSONBody) throws -> String? {
        guard let key = request.headers[.init("Idempotency-Key")!] ?? body.string("idempotencyKey") else { return nil }
        try check(key)
        return key
    }
}
