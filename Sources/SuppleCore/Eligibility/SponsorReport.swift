import Foundation

/// What a sponsor (employer, plan or clinic) is told about its members: counts and outcomes for
/// the group, never a person. Any group under 11 members is shown as "fewer than 11", and so
/// is every figure computed from such a group.
public struct SponsorReport: Sendable, Equatable {
    public static let smallestGroup = 11
    public static let fewer = "fewer than 11"

    /// One member's part in the report, with no name or identifier.
    public struct Member: Sendable {
        public var activated: Bool
        public var activeLast30Days: Bool
        public var sessionsLast30Days: Int
        /// Pain (0–10) over the week before the intake, and the first daily pain in week 12.
        public var baselinePain: Double?
        public var painAtWeek12: Double?
        public var baselinePEG: Double?
        public var pegAtWeek12: Double?
        /// At least 12 weeks have passed since the intake.
        public var reachedWeek12: Bool

        public init(
            activated: Bool,
            activeLast30Days: Bool,
            sessionsLast30Days: Int,
            baselinePain: Double?,
            painAtWeek12: Double?,
            baselinePEG: Double?,
            pegAtWeek12: Double?,
            reachedWeek12: Bool
        ) {
            self.activated = activated
            self.activeLast30Days = activeLast30Days
            self.sessionsLast30Days = sessionsLast30Days
            self.baselinePain = baselinePain
            self.painAtWeek12 = painAtWeek12
            self.baselinePEG = baselinePEG
            self.pegAtWeek12 = pegAtWeek12
            self.reachedWeek12 = reachedWeek12
        }
    }

    public struct Line: Sendable, Equatable {
        public let metric: String
        public let label: String
        public let value: String
        public let note: String
    }

    public let lines: [Line]
    public let method: String

    public init(members: [Member]) {
        func count(_ n: Int) -> String { n < Self.smallestGroup ? Self.fewer : "\(n)" }
        func number(_ x: Double) -> String { String(format: "%.1f", x) }
        let enrolled = members.count
        let activated = members.filter(\.activated).count
        let active = members.filter(\.activeLast30Days)
        var lines = [
            Line(metric: "enrolled", label: "Enrolled", value: count(enrolled), note: "Members who joined through this organization."),
            Line(metric: "activated", label: "Activated", value: count(activated), note: "Enrolled members who completed the intake."),
            Line(
                metric: "active_30_days",
                label: "Active in the last 30 days",
                value: count(active.count),
                note: "Did a session, logged a walk or checked in during the last 30 days."
            ),
        ]
        let perWeek =
            active.count < Self.smallestGroup
            ? Self.fewer + " active members"
            : number(Double(active.map(\.sessionsLast30Days).reduce(0, +)) / Double(active.count) / (30.0 / 7.0))
        lines.append(
            Line(
                metric: "sessions_per_active_member_per_week",
                label: "Sessions per active member per week",
                value: perWeek,
                note: "Completed sessions in the last 30 days, per active member, per week."
            )
        )

        // Intention to treat: everyone with a baseline who is 12 weeks in counts; a member with
        // no week-12 answer counts as no change (baseline carried forward).
        let cohort = members.filter { $0.baselinePain != nil && $0.reachedWeek12 }
        lines.append(
            Line(
                metric: "outcome_denominator",
                label: "Members in the 12-week outcomes",
                value: count(cohort.count),
                note: "Everyone enrolled with a baseline (a completed intake) at least 12 weeks ago, whether or not they kept going."
            )
        )
        if cohort.count < Self.smallestGroup {
            for (metric, label) in [
                ("mean_pain_change", "Mean pain change at 12 weeks"), ("meaningful_pain_change_share", "Share with a meaningful pain change"),
                ("mean_peg_change", "Mean PEG change at 12 weeks"),
            ] {
                lines.append(
                    Line(
                        metric: metric,
                        label: label,
                        value: "not shown: " + Self.fewer + " members",
                        note: "Shown once 11 or more members reach 12 weeks."
                    )
                )
            }
        } else {
            let painChanges = cohort.map { member -> (change: Double, baseline: Double) in
                let baseline = member.baselinePain!
                return ((member.painAtWeek12 ?? baseline) - baseline, baseline)
            }
            let meanPain = painChanges.map(\.change).reduce(0, +) / Double(cohort.count)
            let meaningful = painChanges.filter { -$0.change >= 2 || ($0.baseline > 0 && -$0.change / $0.baseline >= 0.3) }.count
            let meaningfulValue =
                meaningful < Self.smallestGroup || cohort.count - meaningful < Self.smallestGroup
                ? Self.fewer + " members in one of the groups"
                : "\(Int((Double(meaningful) * 100 / Double(cohort.count)).rounded()))% (\(meaningful) of \(cohort.count))"
            let pegChanges = cohort.compactMap { member -> Double? in
                member.baselinePEG.map { baseline in (member.pegAtWeek12 ?? baseline) - baseline }
            }
            lines.append(
                Line(
                    metric: "mean_pain_change",
                    label: "Mean pain change at 12 weeks",
                    value: number(meanPain) + " points",
                    note: "0–10 scale; negative is better."
                )
            )
            lines.append(
                Line(
                    metric: "meaningful_pain_change_share",
                    label: "Share with a meaningful pain change",
                    value: meaningfulValue,
                    note: "Pain down at least 2 points or at least 30% from baseline."
                )
            )
            lines.append(
                Line(
                    metric: "mean_peg_change",
                    label: "Mean PEG change at 12 weeks",
                    value: pegChanges.count < Self.smallestGroup
                        ? "not shown: " + Self.fewer + " members" : number(pegChanges.reduce(0, +) / Double(pegChanges.count)) + " points",
                    note: "PEG (pain, enjoyment, general activity), 0–10; negative is better."
                )
            )
        }
        self.lines = lines
        self.method =
            "Outcomes are intention-to-treat: the denominator is everyone enrolled with a baseline who started at least 12 weeks ago. A member with no answer in week 12 counts as unchanged (baseline carried forward). Groups under 11 members are shown as \"fewer than 11\". No names or identifiers are included."
    }
}
