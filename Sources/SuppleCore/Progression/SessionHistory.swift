/// What happened since the plan began, as the progression engine reads it (docs/progression.md).
public struct SessionHistory: Sendable, Equatable, Codable {
    public enum Difficulty: String, Sendable, Codable {
        case tooEasy = "too-easy"
        case aboutRight = "about-right"
        case tooHard = "too-hard"
    }
    public enum NextMorning: String, Sendable, Codable { case better, same, worse }

    /// One exercise as done in one session.
    public struct ItemOutcome: Sendable, Equatable, Codable {
        public let exerciseId: String
        /// Pain during the exercise, 0–10.
        public let pain: Int
        public let difficulty: Difficulty
        /// Pain or tingling spread further down the leg, or new numbness or weakness.
        public var symptomsSpread: Bool = false

        public init(exerciseId: String, pain: Int, difficulty: Difficulty, symptomsSpread: Bool = false) {
            self.exerciseId = exerciseId
            self.pain = pain
            self.difficulty = difficulty
            self.symptomsSpread = symptomsSpread
        }

        enum CodingKeys: String, CodingKey { case exerciseId, pain, difficulty, symptomsSpread }

        /// `symptomsSpread` may be left out: it defaults to false.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            exerciseId = try c.decode(String.self, forKey: .exerciseId)
            pain = try c.decode(Int.self, forKey: .pain)
            difficulty = try c.decode(Difficulty.self, forKey: .difficulty)
            symptomsSpread = try c.decodeIfPresent(Bool.self, forKey: .symptomsSpread) ?? false
        }
    }

    public struct Session: Sendable, Equatable, Codable {
        public let date: CalendarDate
        public let items: [ItemOutcome]
        /// The answer the morning after: compared with before this session, pain is …
        public var nextMorning: NextMorning?

        public init(date: CalendarDate, items: [ItemOutcome], nextMorning: NextMorning? = nil) {
            self.date = date
            self.items = items
            self.nextMorning = nextMorning
        }
    }

    public struct Walk: Sendable, Equatable, Codable {
        public let date: CalendarDate
        public let minutes: Int
        /// Pain during the walk, 0–10.
        public let pain: Int
        public var nextMorning: NextMorning?

        public init(date: CalendarDate, minutes: Int, pain: Int, nextMorning: NextMorning? = nil) {
            self.date = date
            self.minutes = minutes
            self.pain = pain
            self.nextMorning = nextMorning
        }
    }

    public var sessions: [Session]
    public var walks: [Walk]

    public init(sessions: [Session] = [], walks: [Walk] = []) {
        self.sessions = sessions
        self.walks = walks
    }
}
