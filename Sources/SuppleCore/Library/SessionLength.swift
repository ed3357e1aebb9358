/// How long a session takes, worked out from its doses the way the session player plays them,
/// so Today, the plan and the player promise the same number.
public enum SessionLength {
    /// Getting into position and reading the steps, per exercise.
    static let setUpSeconds = 30
    /// The player's rest between holds, and when it changes sides.
    static let restSeconds = 3, sideChangeSeconds = 5
    /// One unhurried repetition, and the breather between sets of repetitions.
    static let repSeconds = 4, betweenSetsSeconds = 30

    /// Whole minutes, rounded up; at least one for any session with an exercise.
    public static func minutes(_ doses: [Dose]) -> Int {
        let seconds = doses.reduce(0) { $0 + setUpSeconds + playing($1) }
        return (seconds + 59) / 60
    }

    /// The time one dose takes to play: a range of holds counts at its middle.
    static func playing(_ dose: Dose) -> Int {
        let sides = dose.perSide ? 2 : 1
        if let minutes = dose.minutes { return minutes * 60 * max(dose.sets, 1) * sides }
        if let low = dose.holdSeconds {
            let hold = (low + (dose.holdSecondsMax ?? low)) / 2
            let holds = max(dose.sets, 1) * (dose.reps ?? 1) * sides
            return holds * hold + (holds - sides) * restSeconds + (sides - 1) * sideChangeSeconds
        }
        let sets = max(dose.sets, 1)
        return sets * (dose.reps ?? 1) * sides * repSeconds + (sets - 1) * betweenSetsSeconds
    }
}

extension ProgramPlan {
    /// About how long today's session takes, in whole minutes.
    public var sessionMinutes: Int { SessionLength.minutes(exercises.map(\.dose)) }
}
