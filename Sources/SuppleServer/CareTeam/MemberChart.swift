import Foundation
import SuppleCore
import SuppleStore

/// Everything the care team sees about one member, gathered once: the web chart renders it and
/// the staff API encodes it, so both show the same record.
struct MemberChart: Sendable {
    let member: AccountRecord
    let alerts: [AlertRepository.Alert]
    let plan: ProgramService.CurrentPlan?
    let planHistory: [PlanVersionRepository.Record]
    let sessions: [ActivityRepository.SessionRecord]
    let walks: [ActivityRepository.WalkRecord]
    let checkIns: [ActivityRepository.CheckInRecord]
    let notes: [ClinicalNoteRepository.Written]
    /// The last three messages of the thread.
    let recentMessages: [MessageRepository.Message]
    let unreadMessages: Int
    /// Who looks after the member, by role, and the active clinicians and coaches who could.
    let careTeam: [CareTeamRepository.Member]
    let assignment: [Role: UUID]
    let assignableStaff: [AccountRecord]
    /// The engine's latest intake decision, when it was made, and the intake it read.
    let decision: (decision: Decision, at: Date)?
    let intake: Intake?
}
