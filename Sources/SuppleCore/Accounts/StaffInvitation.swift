/// What an admin types to invite a colleague: who, and in which role.
public struct StaffInvitation: Sendable {
    public let email: EmailAddress
    public let role: Role

    public init(email: String?, role: String?) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let email = errors.check { () throws(FieldError) in try EmailAddress(validating: email) }
        let role = Role(rawValue: role ?? "")
        if role == nil || role?.isStaff == false {
            errors.add("role", "Choose a role: physical therapist, health coach or program admin.")
        }
        try errors.throwIfAny()
        self.email = email!
        self.role = role!
    }
}

/// What an invited colleague types to open their account.
public struct StaffAccountSetup: Sendable {
    public let name: PersonName
    public let password: String
    public let timeZone: MemberTimeZone

    public init(name: String?, password: String?, timeZone: String?, email: EmailAddress, policy: PasswordPolicy) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let name = errors.check { () throws(FieldError) in try PersonName(validating: name) }
        let password = errors.check { () throws(FieldError) in try policy.validate(password, email: email) }
        let timeZone = errors.check { () throws(FieldError) in try MemberTimeZone(validating: timeZone) }
        try errors.throwIfAny()
        self.name = name!
        self.password = password!
        self.timeZone = timeZone!
    }
}
