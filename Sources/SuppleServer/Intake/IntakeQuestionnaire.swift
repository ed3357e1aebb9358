import SuppleCore

/// One question of the web intake. `key` is where the answer goes in the intake document
/// (docs/intake.md); dotted keys are nested (`dangerSigns.bladderChange`).
struct IntakeQuestion: Sendable {
    enum Kind: Sendable {
        /// 0–10 chips with words for the two ends.
        case scale(low: String, high: String)
        /// One of several options (value, label); `numeric` stores the value as a number.
        case choice([(String, String)], numeric: Bool)
        /// Any number of options.
        case multi([(String, String)])
        case yesNo
        case number(ClosedRange<Int>, unit: String)
        case text(maxLength: Int)
        case time
    }

    let key: String
    let label: String
    var hint: String? = nil
    let kind: Kind
    var required = true
    /// Asked only when this holds for the answers so far (a region picked, a yes to an earlier
    /// question, an age); nil means asked of everyone.
    var askedWhen: (@Sendable (IntakeAnswers) -> Bool)? = nil
    /// A heading the question sits under in a tick list, shown where the group changes.
    var group: String? = nil

    func isAsked(_ answers: IntakeAnswers) -> Bool { askedWhen?(answers) ?? true }
}

/// The answers so far, flat (`dangerSigns.bladderChange`), and the member's age from their
/// account when known: what a conditional question is decided on.
struct IntakeAnswers: Sendable {
    let flat: [String: JSONValue]
    let age: Int?

    init(_ document: [String: JSONValue], age: Int?) {
        flat = IntakeForm.flatten(document)
        self.age = age
    }

    var regions: Set<String> {
        guard case .array(let items)? = flat["painRegions"] else { return [] }
        return Set(items.compactMap { if case .string(let text) = $0 { text } else { nil } })
    }

    func said(_ region: String...) -> Bool { !regions.isDisjoint(with: region) }
    func yes(_ key: String) -> Bool { flat[key] == .bool(true) }
    func text(_ key: String) -> String? { if case .string(let value)? = flat[key] { value } else { nil } }
    func number(_ key: String) -> Int? { flat[key]?.integer }
}

struct IntakeStep: Sendable {
    let slug: String
    let title: String
    let intro: String
    let questions: [IntakeQuestion]
    /// Yes/no questions asked as one list: the member ticks each that is true for them, or ticks
    /// "None of these apply to me". An unticked box is a no only beside one of those two.
    var isTickList = false

    /// The questions this member is asked; a step with none is skipped.
    func questions(for answers: IntakeAnswers) -> [IntakeQuestion] { questions.filter { $0.isAsked(answers) } }

    /// The same step holding only the questions this member is asked.
    func asked(_ answers: IntakeAnswers) -> IntakeStep {
        IntakeStep(slug: slug, title: title, intro: intro, questions: questions(for: answers), isTickList: isTickList)
    }
}

/// The whole web intake, in the order a member meets it. Every danger-sign question of
/// RESEARCH §1.3 is here, in plain words, and each must be answered.
enum IntakeQuestionnaire {
    static let regions: [(String, String)] = [
        ("lumbar", "Lower back"), ("thoracic", "Upper back"), ("cervical", "Neck"), ("shoulder", "Shoulder"),
        ("hip", "Hip"), ("knee", "Knee"), ("ankle-foot", "Ankle or foot"),
    ]
    static let activities: [(String, String)] = [
        ("walking", "Walking"), ("standing", "Standing"), ("sitting", "Sitting"), ("bendingForward", "Bending forward"),
        ("bendingBackward", "Bending backward"), ("lifting", "Lifting"), ("twisting", "Twisting"), ("lyingDown", "Lying down"),
        ("stairs", "Stairs"), ("overheadReaching", "Reaching overhead"), ("kneeling", "Kneeling"),
    ]
    static let moodOptions: [(String, String)] = [
        ("0", "Not at all"), ("1", "Several days"), ("2", "More than half the days"), ("3", "Nearly every day"),
    ]
    static let homeEquipment: [(String, String)] = [
        ("mat", "Exercise mat"), ("band", "Resistance band"), ("strap", "Strap or belt for stretching"), ("dumbbell", "Light weights"),
        ("foam-roller", "Foam roller"), ("step", "A step or low stair"), ("ball", "A ball"), ("bike", "Exercise bike"),
        ("treadmill", "Treadmill"), ("pool", "A pool I can use"), ("poles", "Walking poles"),
    ]

    static let steps: [IntakeStep] = [
        IntakeStep(
            slug: "where",
            title: "Where it hurts",
            intro: "Tell us where your pain is and how long you've had it.",
            questions: [
                IntakeQuestion(key: "painRegions", label: "Where do you have pain?", hint: "Tick all that apply.", kind: .multi(regions)),
                IntakeQuestion(key: "primaryRegion", label: "Which one bothers you most?", kind: .choice(regions, numeric: false)),
                IntakeQuestion(
                    key: "weeksWithPain",
                    label: "How many weeks have you had this pain?",
                    hint: "Your best guess is fine. Less than a week? Enter 0.",
                    kind: .number(0...1040, unit: "weeks")
                ),
                IntakeQuestion(key: "firstEverEpisode", label: "Is this the first time you've had pain like this?", kind: .yesNo),
                IntakeQuestion(key: "gettingWorse", label: "Is the pain getting worse rather than better?", kind: .yesNo),
            ]
        ),
        IntakeStep(
            slug: "how-much",
            title: "How much it hurts",
            intro: "0 means no pain at all; 10 means the worst pain you can imagine.",
            questions: [
                IntakeQuestion(key: "painNow", label: "Your pain right now", kind: .scale(low: "No pain", high: "Worst imaginable")),
                IntakeQuestion(
                    key: "painAverageWeek",
                    label: "Your average pain over the past week",
                    kind: .scale(low: "No pain", high: "Worst imaginable")
                ),
                IntakeQuestion(
                    key: "painWorstWeek",
                    label: "Your worst pain over the past week",
                    kind: .scale(low: "No pain", high: "Worst imaginable")
                ),
                IntakeQuestion(
                    key: "peg.enjoymentInterference",
                    label: "In the past week, how much has pain got in the way of enjoying life?",
                    kind: .scale(low: "Not at all", high: "Completely")
                ),
                IntakeQuestion(
                    key: "peg.activityInterference",
                    label: "In the past week, how much has pain got in the way of your day-to-day activities?",
                    kind: .scale(low: "Not at all", high: "Completely")
                ),
            ]
        ),
        IntakeStep(
            slug: "what-changes-it",
            title: "What changes it",
            intro: "This tells us which movements to start with.",
            questions: [
                IntakeQuestion(
                    key: "worseWith",
                    label: "What makes it worse?",
                    hint: "Tick all that apply.",
                    kind: .multi(activities),
                    required: false
                ),
                IntakeQuestion(
                    key: "betterWith",
                    label: "What makes it better?",
                    hint: "Tick all that apply.",
                    kind: .multi(activities),
                    required: false
                ),
                IntakeQuestion(
                    key: "legSymptoms",
                    label: "Does pain go into your leg?",
                    hint: "Include aching, heaviness or tingling that comes on when you walk. The safety questions ask whether it is new.",
                    kind: .choice(
                        [
                            ("none", "No"), ("buttockOrThigh", "Into my buttock or thigh"), ("belowKneeOneSide", "Below the knee, on one side"),
                            ("bothLegs", "Into both legs"),
                        ],
                        numeric: false
                    )
                ),
                IntakeQuestion(key: "numbnessOrTingling", label: "Do you have numbness or pins and needles?", kind: .yesNo),
                IntakeQuestion(
                    key: "walkMinutesBeforePain",
                    label: "About how many minutes can you walk before pain starts?",
                    hint: "Leave empty if walking doesn't bring on pain.",
                    kind: .number(0...240, unit: "minutes"),
                    required: false
                ),
            ]
        ),
        IntakeStep(
            slug: "safety",
            title: "Safety questions",
            intro: IntakeSafetyQuestions.intro,
            questions: IntakeSafetyQuestions.all,
            isTickList: true
        ),
        IntakeStep(
            slug: "health",
            title: "Your health",
            intro: "Pregnancy and operations change which exercises are safe for you, so we ask everyone.",
            questions: [
                IntakeQuestion(
                    key: "pregnancy",
                    label: "Are you pregnant, or have you had a baby in the last 12 months?",
                    kind: .choice(
                        [
                            ("no", "No, or this doesn't apply to me"), ("pregnant", "Yes, I'm pregnant"),
                            ("postpartum", "I had a baby in the last 12 months"),
                        ],
                        numeric: false
                    )
                ),
                IntakeQuestion(key: "surgery.hipReplacement", label: "Have you had a hip replacement?", kind: .yesNo),
                IntakeQuestion(key: "surgery.kneeReplacement", label: "Have you had a knee replacement?", kind: .yesNo),
                IntakeQuestion(key: "surgery.spineSurgery", label: "Have you had an operation on your spine (back or neck)?", kind: .yesNo),
            ]
        ),
        IntakeStep(
            slug: "health-details",
            title: "A little more about that",
            intro: "So we follow what your midwife or surgeon has told you.",
            questions: healthDetails
        ),
        IntakeStep(
            slug: "feelings",
            title: "How you've been feeling",
            intro: "Pain and mood affect each other. Over the last two weeks, how often have you been bothered by:",
            questions: [
                IntakeQuestion(key: "phq2.0", label: "Little interest or pleasure in doing things", kind: .choice(moodOptions, numeric: true)),
                IntakeQuestion(key: "phq2.1", label: "Feeling down, depressed or hopeless", kind: .choice(moodOptions, numeric: true)),
                IntakeQuestion(key: "gad2.0", label: "Feeling nervous, anxious or on edge", kind: .choice(moodOptions, numeric: true)),
                IntakeQuestion(key: "gad2.1", label: "Not being able to stop or control worrying", kind: .choice(moodOptions, numeric: true)),
                IntakeQuestion(
                    key: "fearOfMovement",
                    label: "How much do you worry that moving will make your pain worse or harm your body?",
                    kind: .scale(low: "Not at all", high: "Completely")
                ),
            ]
        ),
        IntakeStep(
            slug: "feelings-more",
            title: "A few more questions about how you feel",
            intro: "Thank you for telling us. Over the last two weeks, how often have you been bothered by:",
            questions: phq9
        ),
        IntakeStep(
            slug: "daily-life",
            title: "Your daily life",
            intro: "So the plan fits your day and your home.",
            questions: [
                IntakeQuestion(key: "canGetToFloor", label: "Can you get down to the floor and back up without help?", kind: .yesNo),
                IntakeQuestion(
                    key: "equipment",
                    label: "What do you have at home?",
                    hint: "We assume a chair, a wall, a towel and a pillow. Tick anything else.",
                    kind: .multi(homeEquipment),
                    required: false
                ),
                IntakeQuestion(
                    key: "sittingHoursPerDay",
                    label: "About how many hours a day do you spend sitting?",
                    kind: .number(0...24, unit: "hours")
                ),
                IntakeQuestion(
                    key: "workHours.start",
                    label: "Your usual working day starts at",
                    hint: "Optional. We use it to space out short movement breaks.",
                    kind: .time,
                    required: false
                ),
                IntakeQuestion(key: "workHours.end", label: "and ends at", kind: .time, required: false),
                IntakeQuestion(
                    key: "preferredWalkTime",
                    label: "When do you like to walk?",
                    kind: .choice([("morning", "Morning"), ("midday", "Midday"), ("afternoon", "Afternoon"), ("evening", "Evening")], numeric: false)
                ),
            ]
        ),
    ]

    /// What matters to the member (PSFS, SOURCES RESEARCH §4 [57], and their goal): optional, so it
    /// is asked after the first session rather than on the way to it (issue 25: a shorter path).
    /// The engine does not use these answers; the PSFS check-ins ask about the activities named.
    static let whatMatters = IntakeStep(
        slug: "what-matters",
        title: "What matters to you",
        intro:
            "Name up to three everyday activities your pain makes hard, and how well you can do each today. We'll ask again every few weeks, so you can see them get easier.",
        questions: [
            IntakeQuestion(
                key: "psfs.0.activity",
                label: "An activity that is hard for you now",
                hint: "For example: walking to the shops. Optional.",
                kind: .text(maxLength: 80),
                required: false
            ),
            IntakeQuestion(
                key: "psfs.0.score",
                label: "How well can you do it today?",
                hint: "0 = can't do it at all, 10 = as well as before the pain.",
                kind: .scale(low: "Can't at all", high: "As before"),
                required: false
            ),
            IntakeQuestion(key: "psfs.1.activity", label: "Another activity (optional)", kind: .text(maxLength: 80), required: false),
            IntakeQuestion(
                key: "psfs.1.score",
                label: "How well can you do it today?",
                kind: .scale(low: "Can't at all", high: "As before"),
                required: false
            ),
            IntakeQuestion(key: "psfs.2.activity", label: "One more activity (optional)", kind: .text(maxLength: 80), required: false),
            IntakeQuestion(
                key: "psfs.2.score",
                label: "How well can you do it today?",
                kind: .scale(low: "Can't at all", high: "As before"),
                required: false
            ),
            IntakeQuestion(
                key: "goals",
                label: "What would you most like to get back to?",
                hint: "Optional.",
                kind: .text(maxLength: 500),
                required: false
            ),
        ]
    )

    /// Follow-ups to a pregnancy or an operation, asked only after a yes.
    static let healthDetails: [IntakeQuestion] = [
        IntakeQuestion(
            key: "weeksPregnant",
            label: "How many weeks pregnant are you?",
            hint: "Your best guess is fine.",
            kind: .number(1...42, unit: "weeks"),
            askedWhen: { $0.text("pregnancy") == "pregnant" }
        ),
        IntakeQuestion(
            key: "dangerSigns.pregnancyWarningSigns",
            label:
                "Right now, do you have any bleeding, fluid leaking, regular painful tightenings, a bad headache or blurred sight, or a swollen, sore calf?",
            kind: .yesNo,
            askedWhen: { $0.text("pregnancy") == "pregnant" }
        ),
        IntakeQuestion(
            key: "surgery.hipReplacementWeeksAgo",
            label: "How many weeks ago was your hip replacement?",
            hint: "Years ago? Multiply by 52, or enter 520 for ten years or more.",
            kind: .number(0...5200, unit: "weeks"),
            askedWhen: { $0.yes("surgery.hipReplacement") }
        ),
        IntakeQuestion(
            key: "surgery.hipApproach",
            label: "Did your surgeon go in from the back, the front or the side of the hip?",
            kind: .choice(
                [
                    ("posterior", "From the back"), ("anterior", "From the front"), ("lateral", "From the side"), ("unknown", "I don't know"),
                ],
                numeric: false
            ),
            askedWhen: { $0.yes("surgery.hipReplacement") }
        ),
        IntakeQuestion(
            key: "surgery.kneeReplacementWeeksAgo",
            label: "How many weeks ago was your knee replacement?",
            hint: "Enter 520 for ten years or more.",
            kind: .number(0...5200, unit: "weeks"),
            askedWhen: { $0.yes("surgery.kneeReplacement") }
        ),
        IntakeQuestion(
            key: "surgery.spineSurgeryWeeksAgo",
            label: "How many weeks ago was your spine operation?",
            hint: "Enter 520 for ten years or more.",
            kind: .number(0...5200, unit: "weeks"),
            askedWhen: { $0.yes("surgery.spineSurgery") }
        ),
        IntakeQuestion(
            key: "surgery.spineSurgeryKind",
            label: "What kind of spine operation was it?",
            kind: .choice(
                [
                    ("fusion", "A fusion (bones joined together)"), ("discectomy", "Removing part of a disc"),
                    ("decompression", "Making more room for the nerves"), ("other", "Something else, or I'm not sure"),
                ],
                numeric: false
            ),
            askedWhen: { $0.yes("surgery.spineSurgery") }
        ),
    ]

    /// PHQ-9 items 3–9, asked when the two PHQ-2 answers add up to 3 or more (SOURCES [S16]).
    static let phq9: [IntakeQuestion] = [
        "Trouble falling or staying asleep, or sleeping too much", "Feeling tired or having little energy", "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ].enumerated().map { index, label in
        IntakeQuestion(
            key: "phq9Rest.\(index)",
            label: label,
            kind: .choice(moodOptions, numeric: true),
            askedWhen: { answers in
                (answers.number("phq2.0") ?? 0) + (answers.number("phq2.1") ?? 0) >= 3
            }
        )
    }

    /// The steps this member meets, in order: a step with no question for them is skipped.
    static func steps(for answers: IntakeAnswers) -> [IntakeStep] {
        steps.filter { !$0.questions(for: answers).isEmpty }
    }

    /// Drops answers to questions no longer asked (a pregnancy's weeks after "no"), so a changed
    /// earlier answer never leaves a contradiction behind.
    static func prune(_ document: [String: JSONValue], age: Int?) -> [String: JSONValue] {
        let answers = IntakeAnswers(document, age: age)
        let notAsked = Set(steps.flatMap(\.questions).filter { !$0.isAsked(answers) }.map(\.key))
        guard !notAsked.isEmpty else { return document }
        return IntakeForm.build(IntakeForm.flatten(document).filter { !notAsked.contains($0.key) })
    }

    static func step(_ slug: String) -> (index: Int, step: IntakeStep)? {
        steps.enumerated().first { $0.element.slug == slug }.map { ($0.offset, $0.element) }
    }
}
