import Crypto
import Foundation

/// Unguessable secrets for cookies, API tokens and one-time links. The secret goes to the
/// person once; the database keeps only its SHA-256, so a stolen database opens no doors.
public struct SecretToken: Sendable, Equatable {
    public let value: String

    /// 32 random bytes from the system's secure generator, base64url without padding.
    public static func generate() -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SecretToken(value: Data(bytes).base64URLEncoded)
    }

    public init(value: String) { self.value = value }

    public var hash: String { Self.hash(value) }

    public static func hash(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time independent of where the strings differ, so timing reveals nothing.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
