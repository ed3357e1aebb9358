import Foundation
import HummingbirdOTP

/// Six-digit codes from an authenticator app (RFC 6238: SHA-1, 30-second steps), through
/// Hummingbird's OTP implementation. A code of the step before or after now is accepted too,
/// for a phone whose clock is a little off.
struct TimeCodes: Sendable {
    static let step: TimeInterval = 30
    /// Base32's alphabet: the secret is 32 of these characters (160 bits), and its UTF-8 bytes
    /// are the HMAC key, which is how HummingbirdOTP takes it.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    let secret: String

    static func newSecret() -> TimeCodes {
        var generator = SystemRandomNumberGenerator()
        return TimeCodes(secret: String((0..<32).map { _ in alphabet.randomElement(using: &generator)! }))
    }

    /// The `otpauth://` address an authenticator app reads from the QR code.
    func authenticatorURL(account: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Supple:\(account)", issuer: "Supple")
    }

    /// The key as the app asks for it when typed by hand (the base32 of the key bytes), in
    /// groups of four.
    func typedKey(account: String) -> String {
        let url = authenticatorURL(account: account)
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return stride(from: 0, to: key.count, by: 4).map { start in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<(key.index(from, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }

    static func timeStep(_ instant: Date) -> Int64 { Int64((instant.timeIntervalSince1970 / step).rounded(.down)) }

    func code(at instant: Date) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: instant))
    }

    /// The time step whose code `typed` is, among the step before now, now and the step after.
    func matchingStep(_ typed: String, at now: Date) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let current = Self.timeStep(now)
        for offset in [Int64(-1), 0, 1] {
            let step = current + offset
            let expected = code(at: Date(timeIntervalSince1970: Double(step) * Self.step + 1))
            if SecretToken.constantTimeEquals(expected, digits) { return step }
        }
        return nil
    }
}

/// Ten one-time codes for when the phone is lost: `abcd-efgh`, 40 random bits each, from an
/// alphabet without look-alike characters; only their SHA-256 is stored.
enum RecoveryCodes {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func generate(count: Int = 10) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let letters = (0..<8).map { _ in alphabet.randomElement(using: &generator)! }
            return String(letters[0..<4]) + "-" + String(letters[4..<8])
        }
    }

    /// What a typed code is compared as: lower case, no spaces or dashes.
    static func normalised(_ typed: String) -> String {
        typed.lowercased().filter { $0 != "-" && !$0.isWhitespace }
    }

    static func hash(_ typed: String) -> String { SecretToken.hash(normalised(typed)) }
}
