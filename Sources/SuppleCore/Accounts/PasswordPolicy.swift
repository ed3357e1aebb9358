/// What a new password must be. Length beats complexity rules (NIST SP 800-63B §5.1.1.2):
/// at least 8 characters, and never one of the passwords attackers try first.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 8
    /// Long enough for any passphrase; short enough that hashing it is never a denial of service.
    public static let maximumLength = 128

    private let commonPasswords: Set<String>

    /// - Parameter commonPasswords: lower-cased passwords to refuse (Supple ships the 1,000 most common).
    public init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    public func validate(
        _ password: String?, field: String = "password", email: EmailAddress? = nil
    ) throws(FieldError) -> String {
        let password = password ?? ""
        guard !password.isEmpty else {
            throw FieldError(field: field, message: "Choose a password.")
        }
        guard password.count >= Self.minimumLength else {
            throw FieldError(field: field, message: "Use at least \(Self.minimumLength) characters. A short phrase is easy to remember and hard to guess.")
        }
        guard password.count <= Self.maximumLength else {
            throw FieldError(field: field, message: "Use \(Self.maximumLength) characters or fewer.")
        }
        let lowered = password.lowercased()
        guard !commonPasswords.contains(lowered) else {
            throw FieldError(field: field, message: "That password is one of the most common and easy to guess. Choose another.")
        }
        if let email, lowered == email.value || lowered == email.value.split(separator: "@").first.map(String.init) {
            throw FieldError(field: field, message: "Don't use your email address as your password.")
        }
        return password
    }
}
