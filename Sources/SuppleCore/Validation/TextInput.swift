import Foundation

/// Rules shared by every free-text field a person types: trimmed, not empty, not too long,
/// and free of control characters (which have no business in a name and break logs and CSV).
public enum TextInput {
    public static func required(
        _ raw: String?,
        field: String,
        label: String,
        maxLength: Int
    ) throws(FieldError) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw FieldError(field: field, message: "Enter your \(label).")
        }
        guard value.count <= maxLength else {
            throw FieldError(field: field, message: "Use \(maxLength) characters or fewer for your \(label).")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw FieldError(field: field, message: "Your \(label) contains characters we can't store. Use letters, numbers and punctuation.")
        }
        return value
    }

    /// Longer writing (a message, a clinical note): line breaks and tabs are kept, other control
    /// characters refused. Empty is allowed only when `required` is false.
    public static func paragraphs(
        _ raw: String?,
        field: String,
        label: String,
        maxLength: Int,
        required: Bool = true
    ) throws(FieldError) -> String {
        let value = (raw ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            if required { throw FieldError(field: field, message: "Write your \(label).") }
            return value
        }
        guard value.count <= maxLength else {
            throw FieldError(field: field, message: "Keep your \(label) to \(maxLength) characters or fewer.")
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t", "\r"]
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else {
            throw FieldError(field: field, message: "Your \(label) contains characters we can't store. Use letters, numbers and punctuation.")
        }
        return value
    }
}
