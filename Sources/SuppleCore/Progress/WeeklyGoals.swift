/// The member's own goals for a week and the streaks worth celebrating: what Today and the
/// progress page encourage against, instead of a general guideline (issue 25, row 9).
extension ProgramPlan.Walking {
    /// This week's walking minutes by the member's plan: every walk of every walking day.
    public var weeklyGoalMinutes: Int { startMinutes * bouts * currentDaysPerWeek }
}

public enum StreakMilestone {
    /// Days in a row that Today marks as a milestone.
    public static let days: Set<Int> = [3, 7, 14, 21, 30, 60, 90]

    public static func isMilestone(_ streak: Int) -> Bool { days.contains(streak) || (streak > 90 && streak % 30 == 0) }
}

/// A week's sessions and walking against the member's goals.
public struct WeekAgainstGoals: Sendable, Equatable {
    public let sessions: Int
    public let sessionGoal: Int
    public let walkMinutes: Int
    public let walkGoal: Int

    public init(sessions: Int, sessionGoal: Int = 7, walkMinutes: Int, walkGoal: Int) {
        self.sessions = sessions
        self.sessionGoal = sessionGoal
        self.walkMinutes = walkMinutes
        self.walkGoal = walkGoal
    }

    public var walkGoalReached: Bool { walkGoal > 0 && walkMinutes >= walkGoal }
    public var sessionGoalReached: Bool { sessions >= sessionGoal }
}
