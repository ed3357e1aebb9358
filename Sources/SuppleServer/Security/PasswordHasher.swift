import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run off the request threads (a hash takes a quarter of a second at cost 12).
///
/// bcrypt reads only the first 72 bytes of its input, so the password is first reduced with
/// SHA-256 and base64: every character of a long passphrase counts, and no NUL byte reaches bcrypt.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let input = Self.prehash(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
