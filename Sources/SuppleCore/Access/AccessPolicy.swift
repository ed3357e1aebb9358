/// The one place that says who may do what. Route handlers ask this; they never compare roles
/// themselves, so a rule changes in one place and the tests of this file cover every route.
public enum Permission: Sendable, Hashable, CaseIterable {
    /// See one's own account and change one's own password.
    case manageOwnAccount
    /// Use the member side of the app (today's session, progress, messages).
    case useMemberApp
    /// Open the staff workspace.
    case openStaffWorkspace
    /// See the list of members in the program (staff reads of member data are audited).
    case listMembers
    /// Invite colleagues and see the staff list.
    case manageStaff
    /// Open one member's record: intake decision, plan and alerts (audited).
    case viewMemberRecord
    /// Download a member's whole audit trail: who read or changed their record, when, from where.
    case exportAuditTrail
    /// Give a member a different physical therapist or coach.
    case reassignCareTeam
    /// Change a member's plan: exercises, doses, walking target, and the engine's pending swaps.
    case editPlan
    /// Write in a member's thread with their care team, and keep saved replies.
    case messageMembers
    /// Write clinical notes (and amendments) on a member's record.
    case writeClinicalNotes
    /// Create sponsor organizations (employers, health plans, clinics) and import their
    /// eligibility rosters.
    case manageOrganizations
    /// See a sponsor's aggregate report (counts and outcomes, no names) and download it as CSV.
    case viewSponsorReports
}

/// Who is asking: their account id and role. Anonymous visitors have no actor.
public struct Actor: Sendable, Equatable {
    public let accountID: String
    public let role: Role

    public init(accountID: String, role: Role) {
        self.accountID = accountID
        self.role = role
    }
}

public enum AccessPolicy {
    /// A member's record is open to the physical therapist and coach assigned to them, and to
    /// admins; never to other members, nor to unassigned clinicians.
    public static func mayOpenRecord(_ actor: Actor?, assignedToMember: Bool) -> Bool {
        guard let actor, actor.role.isStaff else { return false }
        return actor.role == .admin || assignedToMember
    }

    /// Who sees every member and every alert, rather than only their own members'.
    public static func seesWholeProgram(_ actor: Actor?) -> Bool { actor?.role == .admin }

    public static func permits(_ actor: Actor?, _ permission: Permission) -> Bool {
        guard let actor else { return false }
        switch permission {
        case .manageOwnAccount:
            return true
        case .useMemberApp:
            return actor.role == .member
        case .openStaffWorkspace, .listMembers, .viewMemberRecord, .messageMembers, .writeClinicalNotes:
            return actor.role.isStaff
        case .editPlan:
            // Exercise choice and dosing are clinical: physical therapists, and admins.
            return actor.role == .physicalTherapist || actor.role == .admin
        case .manageStaff, .exportAuditTrail, .reassignCareTeam, .manageOrganizations, .viewSponsorReports:
            return actor.role == .admin
        }
    }
}
