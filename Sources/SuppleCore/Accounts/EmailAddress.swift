import Foundation

/// An email address used as a sign-in name. Stored lower-cased so "Riley@Example.org" and
/// "riley@example.org" are one account.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public static let maxLength = 254
    public let value: String

    public init(validating raw: String?, field: String = "email") throws(FieldError) {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw FieldError(field: field, message: "Enter your email address.")
        }
        guard trimmed.count <= Self.maxLength else {
            throw FieldError(field: field, message: "Email addresses are at most \(Self.maxLength) characters.")
        }
        guard Self.looksDeliverable(trimmed) else {
            throw FieldError(field: field, message: "Enter an email address like name@example.com.")
        }
        self.value = trimmed.lowercased()
    }

    public init(trusted value: String) { self.value = value.lowercased() }

    public var description: String { value }

    /// A deliberately simple check: one @, a non-empty local part, a dotted domain, no spaces or
    /// characters that only appear in markup or header injection. Deliverability is proven by
    /// the reset link, not by a regular expression.
    static func looksDeliverable(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.count <= 64, domain.count >= 3 else { return false }
        let forbidden: Set<Character> = [" ", "<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\"", "\t", "\r", "\n"]
        guard !text.contains(where: { forbidden.contains($0) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return false
        }
        return labels.last!.count >= 2
    }
}
