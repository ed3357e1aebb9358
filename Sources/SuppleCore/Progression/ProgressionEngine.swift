import Foundation

/// Adapts a plan to how the sessions went, using the pain-monitoring model (RESEARCH §3.1, §3.3):
/// pain during up to 5/10 that is back to baseline by the next morning is acceptable. Every
/// decision carries its rule and reason. Pure and deterministic.
public struct ProgressionEngine: Sendable {
    public let catalog: ExerciseCatalog

    public init(catalog: ExerciseCatalog) { self.catalog = catalog }

    public static let acceptablePain = 5
    public static let maxReps = 15
    public static let maxSets = 3
    public static let maxHoldSeconds = 60

    public struct ItemDecision: Sendable, Equatable, Codable {
        public enum Action: String, Sendable, Codable {
            case keep, progress, regress
            /// Stop this exercise and ask the danger-sign questions again.
            case remove
        }

        public let exerciseId: String
        public let action: Action
        /// The new dose when the dose changes (applied automatically as a new plan version).
        public let newDose: Dose?
        /// A different exercise to swap in: a proposal for the physical therapist.
        public let swapTo: String?
        public let needsReview: Bool
        public let rescreen: Bool
        public let rationale: Rationale
    }

    public struct WalkingDecision: Sendable, Equatable, Codable {
        public let currentMinutes: Int
        public let newMinutes: Int
        /// Walking days a week from now on, when they change.
        public var newDaysPerWeek: Int? = nil
        public let rationale: Rationale
    }

    public struct Decisions: Sendable, Equatable, Codable {
        public let items: [ItemDecision]
        public let walking: WalkingDecision?

        /// True when nothing changes.
        public var isSteady: Bool {
            items.allSatisfy { $0.action == .keep } && walking.map { $0.newMinutes == $0.currentMinutes && $0.newDaysPerWeek == nil } ?? true
        }
    }

    /// `limits` are the member's (from their intake): a swap to an easier or harder version is
    /// proposed only when that version is within them. Without limits no swap is proposed.
    public func decide(plan: ProgramPlan, history: SessionHistory, limits: MemberLimits?) -> Decisions {
        let inPlan = Set(plan.exercises.map(\.exerciseId))
        let items = plan.exercises.map { item in
            decide(item: item, history: history) { candidates in
                candidates.first { candidate in
                    guard let limits, !inPlan.contains(candidate.id), candidate.id != item.declinedSwap else { return false }
                    return ProgramBuilder.admitsAnywhere(candidate, limits: limits)
                }
            }
        }
        return Decisions(items: items, walking: walking(plan.walking, history: history))
    }

    /// The last two sessions that included this exercise decide its next step. `pick` chooses the
    /// swap from the listed versions, or none.
    func decide(item: ProgramPlan.Item, history: SessionHistory, pick: ([Exercise]) -> Exercise?) -> ItemDecision {
        let sessions = history.sessions.sorted { $0.date < $1.date }.filter { session in item.changedOn.map { session.date >= $0 } ?? true }
        let done = sessions.compactMap { session in session.items.first { $0.exerciseId == item.exerciseId }.map { (session, $0) } }
        guard let (lastSession, last) = done.last else {
            return keep(item, "Not done yet: the dose stays until you have tried it.", rule: "R-keep-untried")
        }
        if last.symptomsSpread {
            return ItemDecision(
                exerciseId: item.exerciseId,
                action: .remove,
                newDose: nil,
                swapTo: nil,
                needsReview: true,
                rescreen: true,
                rationale: Rationale(
                    rule: "R-spread",
                    explanation: "Symptoms spread down your leg during \(item.name), so it stops and we ask the safety questions again.",
                    source: "RESEARCH §3.1, §3.3 [26][28]"
                )
            )
        }
        if last.pain > Self.acceptablePain || last.difficulty == .tooHard || lastSession.nextMorning == .worse {
            let why =
                last.pain > Self.acceptablePain
                ? "pain reached \(last.pain)/10 during it"
                : last.difficulty == .tooHard ? "you found it too hard" : "your pain was worse the next morning"
            return regress(item, because: why, pick: pick)
        }
        let recent = Array(done.suffix(2))
        let acceptable =
            recent.count == 2
            && recent.allSatisfy { session, outcome in
                outcome.pain <= Self.acceptablePain && outcome.difficulty != .tooHard && session.nextMorning != .worse && !outcome.symptomsSpread
            }
        guard acceptable else {
            return keep(item, "One good session so far; one more at this dose before it steps up.", rule: "R-keep-one-more")
        }
        // Sessions a week or more apart are a restart, not a run of good sessions.
        guard recent[1].0.date.daysSince(recent[0].0.date) < 7 else {
            return keep(item, "It has been a while since the last session, so the dose stays while you get going again.", rule: "R-keep-gap")
        }
        return progress(item, pick: pick)
    }

    func keep(_ item: ProgramPlan.Item, _ explanation: String, rule: String) -> ItemDecision {
        ItemDecision(
            exerciseId: item.exerciseId,
            action: .keep,
            newDose: nil,
            swapTo: nil,
            needsReview: false,
            rescreen: false,
            rationale: Rationale(rule: rule, explanation: explanation, source: "RESEARCH §3.3 [42]")
        )
    }

    /// One lever at a time: reps, then sets, then hold time, then the harder version.
    func progress(_ item: ProgramPlan.Item, pick: ([Exercise]) -> Exercise?) -> ItemDecision {
        let d = item.dose
        let source = "RESEARCH §3.3 [42][44]"
        func changed(_ dose: Dose, _ lever: String) -> ItemDecision {
            ItemDecision(
                exerciseId: item.exerciseId,
                action: .progress,
                newDose: dose,
                swapTo: nil,
                needsReview: false,
                rescreen: false,
                rationale: Rationale(
                    rule: "R-progress-\(lever)",
                    explanation: "Two good sessions in a row with pain in the safe zone and settled by the morning, so \(lever) go up a little.",
                    source: source
                )
            )
        }
        if let reps = d.reps, reps > 1, reps < Self.maxReps {
            return changed(
                Dose(
                    sets: d.sets,
                    reps: min(Self.maxReps, reps + 2),
                    holdSeconds: d.holdSeconds,
                    holdSecondsMax: d.holdSecondsMax,
                    minutes: d.minutes,
                    perSide: d.perSide
                ),
                "reps"
            )
        }
        if d.sets < Self.maxSets, d.minutes == nil {
            return changed(
                Dose(
                    sets: d.sets + 1,
                    reps: d.reps,
                    holdSeconds: d.holdSeconds,
                    holdSecondsMax: d.holdSecondsMax,
                    minutes: d.minutes,
                    perSide: d.perSide
                ),
                "sets"
            )
        }
        if let hold = d.holdSeconds, hold < Self.maxHoldSeconds, d.holdSecondsMax == nil {
            return changed(
                Dose(sets: d.sets, reps: d.reps, holdSeconds: min(Self.maxHoldSeconds, hold + 5), minutes: d.minutes, perSide: d.perSide),
                "hold times"
            )
        }
        if let harder = catalog[item.exerciseId].flatMap({ pick(catalog.progressions(of: $0)) }) {
            return ItemDecision(
                exerciseId: item.exerciseId,
                action: .progress,
                newDose: nil,
                swapTo: harder.id,
                needsReview: true,
                rescreen: false,
                rationale: Rationale(
                    rule: "R-progress-harder",
                    explanation:
                        "\(item.name) is easy at its fullest dose, so \(harder.name) is suggested as the next step; you keep \(item.name) until your physical therapist approves the change.",
                    source: source
                )
            )
        }
        return keep(item, "\(item.name) is at its fullest dose and has no harder version; it stays as it is.", rule: "R-keep-top")
    }

    /// Back off at once with a lower dose; an easier version, when one is within the member's
    /// limits, is proposed for the physical therapist as well.
    func regress(_ item: ProgramPlan.Item, because why: String, pick: ([Exercise]) -> Exercise?) -> ItemDecision {
        let source = "RESEARCH §3.1, §3.3 [42]"
        let d = item.dose
        // Never below a floor of 5 reps or 5 seconds, and never above what it was.
        let lower = Dose(
            sets: max(1, d.sets - 1),
            reps: d.reps.map { min($0, max(5, $0 - 2)) },
            holdSeconds: d.holdSeconds.map { min($0, max(5, $0 - 5)) },
            holdSecondsMax: d.holdSecondsMax,
            minutes: d.minutes.map { max(1, $0 - 1) },
            perSide: d.perSide
        )
        if let easier = catalog[item.exerciseId].flatMap({ pick(catalog.regressions(of: $0)) }) {
            return ItemDecision(
                exerciseId: item.exerciseId,
                action: .regress,
                newDose: lower == d ? nil : lower,
                swapTo: easier.id,
                needsReview: true,
                rescreen: false,
                rationale: Rationale(
                    rule: "R-regress-easier",
                    explanation:
                        "Because \(why), \(item.name) continues at a lower dose, and the easier \(easier.name) is suggested to your physical therapist.",
                    source: source
                )
            )
        }
        return ItemDecision(
            exerciseId: item.exerciseId,
            action: .regress,
            newDose: lower,
            swapTo: nil,
            needsReview: false,
            rescreen: false,
            rationale: Rationale(rule: "R-regress-dose", explanation: "Because \(why), \(item.name) continues at a lower dose.", source: source)
        )
    }

    /// Walking grows about 10% after a week of tolerated walks and falls back after a bad day.
    func walking(_ walking: ProgramPlan.Walking, history: SessionHistory) -> WalkingDecision? {
        // Only walks since the walk last changed count, so one week is never counted twice.
        let walks = history.walks.sorted { $0.date < $1.date }.filter { walk in walking.changedOn.map { walk.date >= $0 } ?? true }
        let current = walking.startMinutes
        guard let last = walks.last else { return nil }
        let source = "RESEARCH §3.4 [46], §3.1 [42]"
        if last.pain > Self.acceptablePain || last.nextMorning == .worse {
            let back = max(3, current - max(1, Int((Double(current) * 0.1).rounded())))
            return WalkingDecision(
                currentMinutes: current,
                newMinutes: back,
                rationale: Rationale(
                    rule: "W-fall-back",
                    explanation: "Your last walk was a hard day, so walks step back to \(back) minutes for now.",
                    source: source
                )
            )
        }
        let days = walking.currentDaysPerWeek
        let lastWeek = walks.filter { $0.date.daysSince(last.date) > -7 }
        let tolerated =
            lastWeek.count >= days && lastWeek.allSatisfy { $0.pain <= Self.acceptablePain && $0.nextMorning != .worse && $0.minutes >= current }
        guard tolerated else {
            return WalkingDecision(
                currentMinutes: current,
                newMinutes: current,
                rationale: Rationale(
                    rule: "W-hold",
                    explanation: "Walks stay at \(current) minutes, \(days) days a week, until you have a full week of comfortable walks.",
                    source: source
                )
            )
        }
        // Days first, then minutes: one step at a time toward 30 minutes, 5 days a week.
        if days < walking.daysPerWeekTarget {
            var decision = WalkingDecision(
                currentMinutes: current,
                newMinutes: current,
                rationale: Rationale(
                    rule: "W-more-days",
                    explanation: "A week of comfortable walks, so you add a walking day: \(days + 1) days a week from now on.",
                    source: source
                )
            )
            decision.newDaysPerWeek = days + 1
            return decision
        }
        guard current < WalkingPlanner.targetMinutes else {
            return WalkingDecision(
                currentMinutes: current,
                newMinutes: current,
                rationale: Rationale(
                    rule: "W-hold",
                    explanation: "You have reached 30-minute walks, \(days) days a week: keep them up.",
                    source: source
                )
            )
        }
        let next = min(WalkingPlanner.targetMinutes, current + max(1, Int((Double(current) * 0.1).rounded())))
        return WalkingDecision(
            currentMinutes: current,
            newMinutes: next,
            rationale: Rationale(
                rule: "W-grow",
                explanation: "A week of comfortable walks, so each walk grows to \(next) minutes.",
                source: source
            )
        )
    }
}

extension ProgramPlan.Walking {
    /// Walking days this week: the start value until the plan has grown them.
    public var currentDaysPerWeek: Int { daysPerWeek ?? daysPerWeekStart }
}

extension CalendarDate {
    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return CalendarDate(calendar.date(byAdding: .day, value: days, to: start)!, in: TimeZone(identifier: "UTC")!)
    }

    /// Whole days from `other` to this date (negative when this is earlier).
    public func daysSince(_ other: CalendarDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let a = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            let b = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))
        else { return 0 }
        return calendar.dateComponents([.day], from: b, to: a).day ?? 0
    }
}
