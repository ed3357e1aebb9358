import SuppleCore

/// The top of a member's chart for a busy clinician: the triage and the pattern the engine found,
/// and what the member wants back (their PSFS activities and goal), before the long sections.
enum ChartGlance {
    static func make(_ decision: Decision, intake: Intake?) -> [String: Any] {
        let triage = decision.triage
        let c = decision.classification
        let weeks = intake.map { $0.weeksWithPain == 1 ? "1 week" : "\($0.weeksWithPain) weeks" } ?? ""
        return [
            "triage": "\(triage.tier == .none ? "no danger signs" : "\(triage.tier.rawValue) tier") · program \(triage.programStatus.rawValue)",
            "isFlagged": triage.tier != .none,
            "flags": triage.flags.map(\.id).joined(separator: ", "),
            "pattern": "\(c.primaryRegion.label), \(c.stage.rawValue)\(weeks.isEmpty ? "" : " (\(weeks))"), \(c.irritability) irritability, \(DecisionView.patternText(c))",
            "activities": (intake?.psfs ?? []).map { "\($0.activity): \($0.score) of 10" },
            "goal": intake?.goals ?? "",
        ]
    }
}
