/// What a new password must be. Length beats complexity rules (NIST SP 800-63B §5.1.1.2):
/// at least 8 characters, and never one of the passwords attackers try first.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 8
    /// Long enough for any passphrase; short enough that hashing it is never a denial of service.
    public static let maximumLength = 128

    private let commonPasswords: Set<String>

    /// - Parameter commonPasswords: lower-cased passwords to refuse (Supple ships the 11,611 of 8+ characters among the 30,000 most common).
    public init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    public func validate(
        _ password: String?,
        field: String = "password",
        email: EmailAddress? = nil
    ) throws(FieldError) -> String {
        let password = password ?? ""
        guard !password.isEmpty else {
            throw FieldError(field: field, message: "Choose a password.")
        }
        guard password.count >= Self.minimumLength else {
            throw FieldError(
                field: field,
                message: "Use at least \(Self.minimumLength) characters. A short phrase is easy to remember and hard to guess."
            )
        }
        guard password.count <= Self.maximumLength else {
            throw FieldError(field: field, message: "Use \(Self.maximumLength) characters or fewer.")
        }
        let lowered = password.lowercased()
        guard !commonPasswords.contains(lowered) else {
            throw FieldError(field: field, message: "That password is one of the most common and easy to guess. Choose another.")
        }
        if Self.isPattern(lowered) {
            throw FieldError(
                field: field,
                message:
                    "That password is a pattern that is easy to guess, like one character repeated or a run such as 12345678. Try a short phrase instead."
            )
        }
        if Self.siteWords.contains(where: { Self.stripped(lowered).hasPrefix($0) && Self.stripped(lowered).count <= $0.count + 6 }) {
            throw FieldError(field: field, message: "Don't build your password on the name of this site. Try a short phrase instead.")
        }
        if let email, lowered == email.value || lowered == email.value.split(separator: "@").first.map(String.init) {
            throw FieldError(field: field, message: "Don't use your email address as your password.")
        }
        return password
    }

    /// Words attackers try first against this site (issue 17, finding 11: "Supple2026" passed).
    static let siteWords = ["supple"]

    /// The password with digits and punctuation taken off its ends: "Supple2026!" → "supple".
    static func stripped(_ lowered: String) -> String {
        String(lowered.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
    }

    /// One character over and over ("aaaaaaaa"), a short chunk repeated ("abcabcabc"), or a run
    /// up or down the alphabet, the digits or a keyboard row ("abcdefgh", "87654321", "qwertyui").
    static func isPattern(_ lowered: String) -> Bool {
        let characters = Array(lowered)
        for size in 1...3 {
            let chunk = characters.prefix(size)
            if characters.indices.allSatisfy({ characters[$0] == chunk[$0 % size] }) { return true }
        }
        for row in ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc"] {
            if row.contains(lowered) || String(row.reversed()).contains(lowered) { return true }
        }
        return false
    }
}
