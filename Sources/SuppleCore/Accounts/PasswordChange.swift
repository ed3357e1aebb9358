/// A new password typed twice (change or reset). The current password, when needed, is checked
/// by the account service against the stored hash, not here.
public struct NewPassword: Sendable {
    public let value: String

    public init(password: String?, confirmation: String?, email: EmailAddress, policy: PasswordPolicy) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let value = errors.check { () throws(FieldError) in try policy.validate(password, field: "newPassword", email: email) }
        if value != nil, password != confirmation {
            errors.add("confirmPassword", "The two passwords don't match. Type the same password in both boxes.")
        }
        try errors.throwIfAny()
        self.value = value!
    }
}
