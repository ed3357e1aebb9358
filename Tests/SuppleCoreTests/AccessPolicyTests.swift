import SuppleCore
import Testing

/// The whole access matrix, so a change to any rule shows up here.
@Suite struct AccessPolicyTests {
    static let expected: [Permission: Set<Role>] = [
        .manageOwnAccount: [.member, .physicalTherapist, .healthCoach, .admin],
        .useMemberApp: [.member],
        .openStaffWorkspace: [.physicalTherapist, .healthCoach, .admin],
        .listMembers: [.physicalTherapist, .healthCoach, .admin],
        .manageStaff: [.admin],
        .viewMemberRecord: [.physicalTherapist, .healthCoach, .admin],
        .exportAuditTrail: [.admin],
        .reassignCareTeam: [.admin],
        .editPlan: [.physicalTherapist, .admin],
        .messageMembers: [.physicalTherapist, .healthCoach, .admin],
        .writeClinicalNotes: [.physicalTherapist, .healthCoach, .admin],
        .manageOrganizations: [.admin],
        .viewSponsorReports: [.admin],
    ]

    @Test("every permission has its expected roles written down here")
    func complete() {
        #expect(Set(Self.expected.keys) == Set(Permission.allCases))
    }

    @Test("each role gets exactly its permissions", arguments: Role.allCases)
    func matrix(_ role: Role) {
        let actor = Actor(accountID: "a", role: role)
        for (permission, roles) in Self.expected {
            #expect(AccessPolicy.permits(actor, permission) == roles.contains(role), "\(role) / \(permission)")
        }
    }

    @Test("signed-out visitors get nothing")
    func anonymous() {
        for permission in Self.expected.keys {
            #expect(!AccessPolicy.permits(nil, permission))
        }
    }
}
