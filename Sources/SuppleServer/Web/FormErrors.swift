import SuppleCore

/// Field errors shaped for the templates: `errors.email` holds the message for the email field.
extension ValidationFailure {
    var templateValues: [String: Any] {
        [
            "errors": Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }),
            "hasErrors": true,
            "errorCount": errors.count,
            "errorPlural": errors.count == 1 ? "" : "s",
        ]
    }
}
