/// A person's name as they want it shown. We do not split it into first and last names:
/// many people's names do not fit that shape.
public struct PersonName: Equatable, Sendable, CustomStringConvertible {
    public static let maxLength = 100
    public let value: String

    public init(validating raw: String?, field: String = "name") throws(FieldError) {
        let value = try TextInput.required(raw, field: field, label: "name", maxLength: Self.maxLength)
        // Angle brackets are the one thing a real name never needs and markup always does.
        guard !value.contains("<"), !value.contains(">") else {
            throw FieldError(field: field, message: "Your name can't contain < or >.")
        }
        self.value = value
    }

    public init(trusted value: String) { self.value = value }

    public var description: String { value }

    /// The first word, for a friendly greeting ("Hi, Riley").
    public var greetingName: String {
        String(value.split(separator: " ").first ?? Substring(value))
    }
}
