/// What a person is in Supple. Members are the people in the program; the rest are staff.
public enum Role: String, CaseIterable, Sendable, Codable {
    case member
    case physicalTherapist = "physical_therapist"
    case healthCoach = "health_coach"
    case admin

    public var isStaff: Bool { self != .member }

    /// Roles an admin can invite.
    public static let staffRoles: [Role] = [.physicalTherapist, .healthCoach, .admin]

    public var displayName: String {
        switch self {
        case .member: "Member"
        case .physicalTherapist: "Physical therapist"
        case .healthCoach: "Health coach"
        case .admin: "Program admin"
        }
    }
}
