/// What a person types to check their coverage, checked field by field. The member id is
/// optional; when given it must match the roster exactly.
public struct CoverageQuestion: Sendable, Equatable {
    public let organization: String
    public let firstKey: String
    public let lastKey: String
    public let dateOfBirth: String
    public let memberID: String?

    public init(organization: String?, firstName: String?, lastName: String?, dateOfBirth: String?, memberID: String?) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let org = (organization ?? "").trimmingSpaces.lowercased()
        if org.isEmpty { errors.add("organization", "Choose your employer or plan, or type its code.") }
        let first = NameKey.make(firstName ?? "")
        let last = NameKey.make(lastName ?? "")
        if first.isEmpty {
            errors.add("firstName", "Enter your first name as your employer or plan has it.")
        } else if (firstName ?? "").count > RosterRowValidator.maxNameLength {
            errors.add("firstName", "First names are at most 100 characters.")
        }
        if last.isEmpty {
            errors.add("lastName", "Enter your last name as your employer or plan has it.")
        } else if (lastName ?? "").count > RosterRowValidator.maxNameLength {
            errors.add("lastName", "Last names are at most 100 characters.")
        }
        let birth = RosterDate.validated((dateOfBirth ?? "").trimmingSpaces)
        if birth == nil { errors.add("dateOfBirth", "Enter your date of birth as year-month-day, like 1980-04-23.") }
        let id = (memberID ?? "").trimmingSpaces
        if id.utf8.count > RosterRowValidator.maxMemberIDLength { errors.add("memberId", "Member ids are at most 64 characters.") }
        try errors.throwIfAny()
        self.organization = org
        self.firstKey = first
        self.lastKey = last
        self.dateOfBirth = birth!
        self.memberID = id.isEmpty ? nil : id
    }
}

/// The only answers a coverage check gives. None of them says which field failed to match.
public enum CoverageAnswer: Sendable, Equatable {
    case covered(organizationName: String)
    case ended(organizationName: String, on: String)
    case notStarted(organizationName: String, on: String)
    case notConfirmed

    /// Picks the answer from the roster records that matched (all fields equal), on `today`.
    /// A current record wins over a future one, which wins over an ended one.
    public static func decide(organizationName: String, matches: [(coverageStart: String, coverageEnd: String?)], today: String) -> CoverageAnswer {
        if matches.contains(where: { $0.coverageStart <= today && ($0.coverageEnd.map { $0 >= today } ?? true) }) {
            return .covered(organizationName: organizationName)
        }
        if let next = matches.filter({ $0.coverageStart > today }).map(\.coverageStart).min() {
            return .notStarted(organizationName: organizationName, on: next)
        }
        if let last = matches.compactMap(\.coverageEnd).max() {
            return .ended(organizationName: organizationName, on: last)
        }
        return .notConfirmed
    }

    public var headline: String {
        switch self {
        case .covered(let name): "You're covered: $0 to you, through \(name)."
        case .ended(let name, let date): "Your coverage through \(name) ended on \(date)."
        case .notStarted(let name, let date): "Your coverage through \(name) starts on \(date)."
        case .notConfirmed: "We couldn't confirm coverage."
        }
    }

    public var nextSteps: String {
        switch self {
        case .covered: "Create your account to start. Your coverage is linked to it."
        case .ended: "If you think this is a mistake, ask your HR or benefits team to check your eligibility, then try again."
        case .notStarted: "Come back on that day to join."
        case .notConfirmed:
            "Check the spelling of your name and your date of birth as your employer or plan has them, and choose the right organization. If it still doesn't work, ask your HR or benefits team whether you're on the eligibility list, or use the member id on your benefits card."
        }
    }

    public var status: String {
        switch self {
        case .covered: "covered"
        case .ended: "ended"
        case .notStarted: "not_started"
        case .notConfirmed: "not_confirmed"
        }
    }
}
