import Foundation

/// Rules shared by every free-text field a person types: trimmed, not empty, not too long,
/// and free of control characters (which have no business in a name and break logs and CSV).
public enum TextInput {
    public static func required(
        _ raw: String?, field: String, label: String, maxLength: Int
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
}
