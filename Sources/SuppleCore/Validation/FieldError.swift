/// A problem with one named input field, phrased for the person who typed it.
///
/// `field` is the form field / JSON property name (e.g. `email`), so the web layer can show the
/// message beside the field and the API can point at it (RFC 9457 `pointer`).
public struct FieldError: Error, Equatable, Sendable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// One or more field problems found while validating a whole input.
public struct ValidationFailure: Error, Equatable, Sendable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        precondition(!errors.isEmpty, "a validation failure needs at least one field error")
        self.errors = errors
    }

    public init(field: String, message: String) {
        self.init([FieldError(field: field, message: message)])
    }

    /// The message for one field, if that field failed.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a validator walks an input, so every bad field is reported at once.
public struct FieldErrorCollector: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        // Only the first problem per field is shown: it is the one to fix first.
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field: field, message: message))
    }

    /// Runs a field check that throws `FieldError`, keeping its value when it passes.
    public mutating func check<T>(_ body: () throws(FieldError) -> T) -> T? {
        do {
            return try body()
        } catch {
            add(error.field, error.message)
            return nil
        }
    }

    public func throwIfAny() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
