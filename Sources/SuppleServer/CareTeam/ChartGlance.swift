import SuppleCore

/// The top of a member's chart for a busy clinician: the triage and the pattern the engine found,
/// and what the member wants back (their PSFS activities and goal), before the long sections.
enum ChartGlance {
    static func make(_ decision: Decision, intake: Intake?) -> [String: Any] {
        let triage = decision.triage
        return [
            "triage": "\(triage.tier == .none ? "no danger signs" : "\(triage.tier.rawValue) tier") · program \(triage.programStatus.rawValue)",
            "isFlagged": triage.tier != .none,
            "flags": triage.flags.map(\.id).joined(separator: ", "),
            "pattern": StaffDecisionView.classificationText(decision.classification, weeks: intake?.weeksWithPain),
            "activities": (intake?.psfs ?? []).map { "\($0.activity): \($0.score) of 10" },
            "goal": intake?.goals ?? "",
        ]
    }
}
