/// Everything the engine decided for one intake (docs/intake.md, "The decision").
public struct Decision: Sendable, Equatable, Codable {
    public static let engineVersion = "1"

    public var engineVersion = Decision.engineVersion
    public var triage: TriageResult
    public var yellowFlags: [YellowFlag]
    public var delivery: Delivery
    public var classification: Classification
    public var plan: ProgramPlan?
    /// PHQ-9 item 9 was answered above "not at all": the member is shown what to do now and the
    /// care team is alerted at once, whatever the program's status (docs/intake.md, "Crisis").
    public var selfHarmRisk: Bool? = nil

    public struct Delivery: Sendable, Equatable, Codable {
        public var educationFirst = false
        public var gradedActivity = false
        public var coachOutreach = false
    }
}

public enum TriageTier: String, Sendable, Codable, Comparable, CaseIterable {
    case none, routine, urgent, emergency

    var rank: Int { TriageTier.allCases.firstIndex(of: self)! }
    public static func < (a: TriageTier, b: TriageTier) -> Bool { a.rank < b.rank }
}

public enum ProgramStatus: String, Sendable, Codable {
    case blocked
    case onHold = "on-hold"
    case activeWithCautions = "active-with-cautions"
    case active
}

public struct TriageFlag: Sendable, Equatable, Codable {
    public let id: String
    public let tier: TriageTier
    /// What the member is told, in plain words.
    public let message: String
    public let contactWithin: String
    public let rationale: Rationale
}

public struct TriageResult: Sendable, Equatable, Codable {
    public let tier: TriageTier
    public let programStatus: ProgramStatus
    public let contactWithin: String?
    public let whatToDo: String
    public let flags: [TriageFlag]
}

public struct YellowFlag: Sendable, Equatable, Codable {
    public let id: String
    public let message: String
    public let rationale: Rationale
}

public enum PainPattern: String, Sendable, Codable {
    case flexionRelievedWalking = "flexion-relieved-walking"
    case extensionPreference = "extension-preference"
    case flexionIntolerance = "flexion-intolerance"
    case nonSpecific = "non-specific"
    case region
}

public struct Classification: Sendable, Equatable, Codable {
    public enum Stage: String, Sendable, Codable { case acute, subacute, chronic }
    public enum Irritability: String, Sendable, Codable { case low, moderate, high }

    public let primaryRegion: BodyRegion
    public let stage: Stage
    public let irritability: Irritability
    public let pattern: PainPattern
    public let rationale: [Rationale]
}

public struct ProgramPlan: Sendable, Equatable, Codable {
    public enum Phase: String, Sendable, Codable, CaseIterable {
        case warmUp = "warm-up"
        case mobility, strength, stretch
        case coolDown = "cool-down"
    }

    public struct Item: Sendable, Equatable, Codable {
        public let exerciseId: String
        public let name: String
        public let phase: Phase
        public let dose: Dose
        public let doseText: String
        public let rationale: Rationale
        public let doseRationale: Rationale
        /// The day this item's exercise or dose last changed; only sessions from then on count.
        public var changedOn: CalendarDate? = nil
        /// An easier or harder version the engine proposes in this item's place. The member keeps
        /// this item until a physical therapist approves the swap (REVIEW-2026-12 ENG-P1).
        public var proposal: Proposal? = nil
        /// A swap the physical therapist turned down, which the engine does not propose again.
        public var declinedSwap: String? = nil

        public init(exerciseId: String, name: String, phase: Phase, dose: Dose, doseText: String, rationale: Rationale, doseRationale: Rationale) {
            self.exerciseId = exerciseId
            self.name = name
            self.phase = phase
            self.dose = dose
            self.doseText = doseText
            self.rationale = rationale
            self.doseRationale = doseRationale
        }
    }

    public struct Proposal: Sendable, Equatable, Codable {
        public let exerciseId: String
        public let name: String
        public let rationale: Rationale

        public init(exerciseId: String, name: String, rationale: Rationale) {
            self.exerciseId = exerciseId
            self.name = name
            self.rationale = rationale
        }
    }

    public struct Walking: Sendable, Equatable, Codable {
        public var startMinutes: Int
        public let bouts: Int
        public let daysPerWeekStart: Int
        public let daysPerWeekTarget: Int
        /// Walking days this week; grows from the start toward the target (absent in plans made
        /// before it was tracked, which read as the start).
        public var daysPerWeek: Int?
        /// The day the walk's minutes or days last changed; only walks from then on count.
        public var changedOn: CalendarDate? = nil
        public let targetMinutes: Int
        public var weeklyMinutes: [Int]
        public let breakRule: String
        public let warmUpExerciseId: String?
        public let preferredTime: Intake.WalkTime
        public let rationale: [Rationale]
    }

    public struct Heat: Sendable, Equatable, Codable {
        public let minutesBeforeWalk: Int
        public let advice: String
        public let rationale: Rationale
    }

    public struct Snacks: Sendable, Equatable, Codable {
        public struct Suggestion: Sendable, Equatable, Codable {
            public let at: String
            public let exerciseId: String
        }

        public let everyMinutes: Int
        public let seconds: Int
        public let from: String
        public let to: String
        public let count: Int
        public let suggestions: [Suggestion]
        public let rationale: Rationale
    }

    public struct Reading: Sendable, Equatable, Codable {
        public let slug: String
        public let title: String
        public let rationale: Rationale
        /// The program week (1 = the first) from which it is shown; absent means from the start.
        public var fromWeek: Int? = nil
    }

    public struct Caution: Sendable, Equatable, Codable {
        public let message: String
        public let rationale: Rationale
    }

    public var exercises: [Item]
    public var walking: Walking
    public let heat: Heat?
    public let movementSnacks: Snacks?
    public let education: [Reading]
    public let cautions: [Caution]
}
