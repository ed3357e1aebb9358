/// The questionnaires Supple asks during the program, when they are due, and how they are
/// scored (RESEARCH §4: all free to use in open source).
public enum Questionnaire: String, CaseIterable, Sendable, Codable {
    /// PEG-3: average pain and its interference with enjoyment and activity, 0–10 each; score = mean.
    case peg
    /// Patient-Specific Functional Scale: up to three activities, 0 (can't) – 10 (as before); score = mean.
    case psfs
    /// PHQ-2 and GAD-2 together, each item 0–3; positive at a total of 3 or more.
    case mood
    /// Global Rating of Change: −7 (a very great deal worse) … +7 (a very great deal better).
    case groc
    /// PHQ-9, nine items 0–3: asked once after a positive PHQ-2, never on a schedule. Item 9
    /// (thoughts of self-harm) above "not at all" opens the crisis path (SOURCES [S16]).
    case phq9

    /// The PHQ-9's answer keys in order; the last is item 9.
    public static let phq9Keys = ["interest", "down", "sleep", "energy", "appetite", "self", "concentration", "moving", "harm"]

    public var title: String {
        switch self {
        case .peg: "Pain and daily life this week"
        case .psfs: "The activities that matter to you"
        case .mood: "How you've been feeling"
        case .groc: "Overall change since you started"
        case .phq9: "A little more about your mood"
        }
    }

    /// Days between askings, counted from the plan's start; GROC is asked at weeks 4, 8 and 12.
    public var everyDays: Int {
        switch self {
        case .peg: 7
        case .psfs: 14
        case .mood: 28
        case .groc: 28
        case .phq9: 0
        }
    }

    public var source: String {
        switch self {
        case .peg: "RESEARCH §4 [56]"
        case .psfs: "RESEARCH §4 [57]"
        case .mood: "RESEARCH §4 [64][65]"
        case .groc: "RESEARCH §4 [66]"
        case .phq9: "SOURCES [S16]"
        }
    }

    /// Which questionnaires are due on `today`: each once per period from the plan's start (the
    /// first after one full period), GROC only at weeks 4, 8 and 12.
    public static func due(planStart: CalendarDate, today: CalendarDate, lastAnswered: [Questionnaire: CalendarDate]) -> [Questionnaire] {
        let day = today.daysSince(planStart)
        return allCases.filter { kind in
            guard kind != .phq9, day >= kind.everyDays else { return false }
            if kind == .groc, day >= 12 * 7 + kind.everyDays { return false }
            let periodStart = planStart.adding(days: (day / kind.everyDays) * kind.everyDays)
            guard let last = lastAnswered[kind] else { return true }
            return last < periodStart
        }
    }

    /// The PHQ-9 is due once after a mood check whose two PHQ-2 answers add up to 3 or more,
    /// until it is answered on or after that day (SOURCES [S16]).
    public static func phq9Due(afterMood answers: [String: Int], answeredOn moodDate: CalendarDate, lastPHQ9: CalendarDate?) -> Bool {
        (answers["interest"] ?? 0) + (answers["down"] ?? 0) >= 3 && !(lastPHQ9.map { $0 >= moodDate } ?? false)
    }

    public struct Result: Sendable, Equatable, Codable {
        public let kind: Questionnaire
        public let score: Double
        /// PHQ-2 and GAD-2 totals, for the mood questionnaire.
        public let phq2: Int?
        public let gad2: Int?
        /// A positive mood screen: the coach reaches out and support resources are shown.
        public let positive: Bool
        public let interpretation: String
        /// PHQ-9 item 9 above "not at all": the member is shown the crisis page and the care team
        /// is alerted at once.
        public var selfHarm: Bool? = nil
    }

    /// Scores answers given as named integers (e.g. `pain`, `enjoyment`, `activity` for PEG).
    public func score(_ answers: [String: Int]) throws(ValidationFailure) -> Result {
        var errors = FieldErrorCollector()
        func value(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let v = answers[key] else {
                errors.add(key, "Answer this question.")
                return nil
            }
            guard range.contains(v) else {
                errors.add(key, "Choose a number from \(range.lowerBound) to \(range.upperBound).")
                return nil
            }
            return v
        }
        switch self {
        case .peg:
            let items = [value("pain", 0...10), value("enjoyment", 0...10), value("activity", 0...10)]
            try errors.throwIfAny()
            let mean = Double(items.compactMap { $0 }.reduce(0, +)) / 3
            return Result(
                kind: self,
                score: mean,
                phq2: nil,
                gad2: nil,
                positive: false,
                interpretation: "PEG \(FigureSVG.number(mean)) out of 10 (the mean of pain and its interference with enjoyment and activity)."
            )
        case .psfs:
            let scores = (0..<3).compactMap { index -> Int? in answers["activity\(index)"].map { _ in value("activity\(index)", 0...10) } ?? nil }
            if scores.isEmpty && errors.errors.isEmpty { errors.add("activity0", "Score at least one activity.") }
            try errors.throwIfAny()
            let mean = Double(scores.reduce(0, +)) / Double(scores.count)
            return Result(
                kind: self,
                score: mean,
                phq2: nil,
                gad2: nil,
                positive: false,
                interpretation: "Activities at \(FigureSVG.number(mean)) out of 10 on average (10 = as well as before the pain)."
            )
        case .mood:
            let items = ["interest", "down", "nervous", "worry"].map { value($0, 0...3) }
            try errors.throwIfAny()
            let values = items.compactMap { $0 }
            let phq2 = values[0] + values[1]
            let gad2 = values[2] + values[3]
            let positive = phq2 >= 3 || gad2 >= 3
            return Result(
                kind: self,
                score: Double(phq2 + gad2),
                phq2: phq2,
                gad2: gad2,
                positive: positive,
                interpretation: positive
                    ? "Some of your answers suggest low mood or anxiety; your health coach will reach out."
                    : "Thank you; nothing here needs follow-up."
            )
        case .phq9:
            let items = Self.phq9Keys.map { value($0, 0...3) }
            try errors.throwIfAny()
            let values = items.compactMap { $0 }
            let total = values.reduce(0, +)
            let harm = values[8] > 0
            var result = Result(
                kind: self,
                score: Double(total),
                phq2: values[0] + values[1],
                gad2: nil,
                positive: total >= 10 || harm,
                interpretation: harm
                    ? "Thank you for telling us. Your care team has been told and will contact you today; please look at the help below now."
                    : total >= 10
                        ? "Your answers suggest your mood is low enough to talk about with your doctor; your health coach will reach out."
                        : "Thank you; your health coach will check in with you."
            )
            result.selfHarm = harm ? true : nil
            return result
        case .groc:
            let rating = value("rating", -7...7)
            try errors.throwIfAny()
            let r = rating!
            return Result(
                kind: self,
                score: Double(r),
                phq2: nil,
                gad2: nil,
                positive: false,
                interpretation: r >= 3
                    ? "You feel at least somewhat better than when you started."
                    : r <= -3
                        ? "You feel worse than when you started; your physical therapist will review your plan."
                        : "About the same as when you started."
            )
        }
    }
}
