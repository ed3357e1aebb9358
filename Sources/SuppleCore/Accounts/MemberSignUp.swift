import Foundation

/// What a person types to join as a member, checked field by field.
public struct MemberSignUp: Sendable {
    /// Supple is an adult program: exercise advice for children needs a different clinical basis.
    public static let minimumAge = 18
    public static let maximumAge = 120

    public let name: PersonName
    public let email: EmailAddress
    public let password: String
    public let dateOfBirth: CalendarDate
    public let timeZone: MemberTimeZone

    /// The raw fields, as strings, exactly as a form or JSON body delivered them.
    public struct Input: Sendable {
        public var name: String?
        public var email: String?
        public var password: String?
        public var dateOfBirth: String?
        public var timeZone: String?
        public var consent: Bool

        public init(name: String?, email: String?, password: String?, dateOfBirth: String?, timeZone: String?, consent: Bool) {
            self.name = name
            self.email = email
            self.password = password
            self.dateOfBirth = dateOfBirth
            self.timeZone = timeZone
            self.consent = consent
        }
    }

    /// Validates every field and reports every problem at once.
    /// - Parameter today: today's date where the person is, for the age check.
    public init(_ input: Input, policy: PasswordPolicy, today: CalendarDate) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let name = errors.check { () throws(FieldError) in try PersonName(validating: input.name) }
        let email = errors.check { () throws(FieldError) in try EmailAddress(validating: input.email) }
        let password = errors.check { () throws(FieldError) in try policy.validate(input.password, email: email) }
        let dateOfBirth = errors.check { () throws(FieldError) in
            try Self.validateDateOfBirth(input.dateOfBirth, today: today)
        }
        let timeZone = errors.check { () throws(FieldError) in try MemberTimeZone(validating: input.timeZone) }
        if !input.consent {
            errors.add("consent", "To join, agree to the terms and the privacy notice.")
        }
        try errors.throwIfAny()
        self.name = name!
        self.email = email!
        self.password = password!
        self.dateOfBirth = dateOfBirth!
        self.timeZone = timeZone!
    }

    static func validateDateOfBirth(_ raw: String?, today: CalendarDate, field: String = "dateOfBirth") throws(FieldError) -> CalendarDate {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw FieldError(field: field, message: "Enter your date of birth.")
        }
        guard let date = CalendarDate(iso8601: text) else {
            throw FieldError(field: field, message: "Enter your date of birth as year-month-day, like 1980-04-23.")
        }
        guard date <= today else {
            throw FieldError(field: field, message: "Your date of birth can't be in the future.")
        }
        let age = date.wholeYears(until: today)
        guard age >= minimumAge else {
            throw FieldError(field: field, message: "Supple is for adults aged \(minimumAge) and over.")
        }
        guard age <= maximumAge else {
            throw FieldError(field: field, message: "Check the year of your date of birth.")
        }
        return date
    }
}
