/// One exercise of the library, as a physical therapist would describe it. Immutable: the
/// catalog is built once at start-up and shared.
public struct Exercise: Sendable, Equatable, Identifiable, Codable {
    public let id: String
    public let name: String
    public let summary: String
    public let regions: [BodyRegion]
    public let kind: ExerciseKind
    public let position: BodyPosition
    public let spineBias: SpineBias
    /// Movements some members must avoid (osteoporosis, hip replacement, pregnancy); empty for
    /// most. Kept in the vocabulary's order, so the JSON is the same every time.
    public let movements: [ExerciseMovement]
    public let level: Int
    public let equipment: [Equipment]
    public let dose: Dose
    public let steps: [String]
    public let cues: [String]
    public let mistakes: [Mistake]
    public let precautions: [String]
    public let progressions: [String]
    public let regressions: [String]
    public let conditions: [PainCondition]
    public let source: String
    /// The animated figure; every shipped exercise has one (the content check insists).
    public let figure: ExerciseFigure?
    /// What the figure's movement looks like, in words, for people who cannot see it.
    public let figureDescription: String
    /// The member-facing words in other languages, keyed by language tag ("es").
    public let translations: [String: ExerciseText]

    public struct Mistake: Sendable, Equatable, Codable {
        public let mistake: String
        public let fix: String

        public init(mistake: String, fix: String) {
            self.mistake = mistake
            self.fix = fix
        }
    }

    public init(
        id: String,
        name: String,
        summary: String,
        regions: [BodyRegion],
        kind: ExerciseKind,
        position: BodyPosition,
        spineBias: SpineBias,
        level: Int,
        equipment: [Equipment],
        dose: Dose,
        steps: [String],
        cues: [String],
        mistakes: [Mistake],
        precautions: [String],
        progressions: [String],
        regressions: [String],
        conditions: [PainCondition],
        source: String,
        figure: ExerciseFigure? = nil,
        movements: [ExerciseMovement] = [],
        figureDescription: String = "",
        translations: [String: ExerciseText] = [:]
    ) {
        self.figure = figure
        self.figureDescription = figureDescription
        self.translations = translations
        self.movements = ExerciseMovement.allCases.filter(movements.contains)
        self.id = id
        self.name = name
        self.summary = summary
        self.regions = regions
        self.kind = kind
        self.position = position
        self.spineBias = spineBias
        self.level = level
        self.equipment = equipment
        self.dose = dose
        self.steps = steps
        self.cues = cues
        self.mistakes = mistakes
        self.precautions = precautions
        self.progressions = progressions
        self.regressions = regressions
        self.conditions = conditions
        self.source = source
    }

    /// The same exercise with its words in `language` (English when no translation exists, which
    /// the content check does not allow for shipped exercises).
    public func localized(_ language: Language) -> Exercise {
        guard language != .english, let text = translations[language.tag] else { return self }
        return Exercise(
            id: id,
            name: text.name,
            summary: text.summary,
            regions: regions,
            kind: kind,
            position: position,
            spineBias: spineBias,
            level: level,
            equipment: equipment,
            dose: dose,
            steps: text.steps,
            cues: text.cues,
            mistakes: text.mistakes,
            precautions: text.precautions,
            progressions: progressions,
            regressions: regressions,
            conditions: conditions,
            source: source,
            figure: figure,
            movements: movements,
            figureDescription: text.figureDescription,
            translations: translations
        )
    }

    /// Needs nothing but the body and the floor or a chair one already has.
    public var needsNoEquipment: Bool { equipment == [.noEquipment] }
}

/// A default dose: how many sets, and in each set how many repetitions, how long a hold, or
/// how many minutes.
public struct Dose: Sendable, Equatable, Codable {
    public let sets: Int
    public let reps: Int?
    public let holdSeconds: Int?
    public let holdSecondsMax: Int?
    public let minutes: Int?
    public let perSide: Bool

    public init(sets: Int, reps: Int? = nil, holdSeconds: Int? = nil, holdSecondsMax: Int? = nil, minutes: Int? = nil, perSide: Bool = false) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.holdSecondsMax = holdSecondsMax
        self.minutes = minutes
        self.perSide = perSide
    }

    /// The dose in plain words: "2 sets of 10, each side", "Hold 10–15 seconds", "10 minutes".
    public var description: String { text(in: .english) }
}
