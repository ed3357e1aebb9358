/// One member's intake answers, validated: the engine's only input (docs/intake.md).
public struct Intake: Sendable, Equatable, Codable {
    public enum Activity: String, CaseIterable, Sendable, Codable {
        case walking, standing, sitting, bendingForward, bendingBackward, lifting, twisting, lyingDown, stairs, overheadReaching, kneeling
    }

    public enum LegSymptoms: String, CaseIterable, Sendable, Codable {
        case none, buttockOrThigh, belowKneeOneSide, bothLegs
    }

    public enum WalkTime: String, CaseIterable, Sendable, Codable {
        case morning, midday, afternoon, evening
    }

    /// The danger-sign questions of RESEARCH §1.3, one boolean each.
    public struct DangerSigns: Sendable, Equatable, Codable {
        public var bladderChange = false
        public var bowelChange = false
        public var saddleNumbness = false
        public var sexualProblems = false
        public var bothLegsPain = false
        public var worseningLegWeakness = false
        public var weaknessArmsAndLegs = false
        public var feverWithSeverePain = false
        public var suddenSeverePainWithFaintness = false
        public var majorTrauma = false
        public var oneLegWeakness = false
        public var constantUpperBackPain = false
        public var nightPainNoRelief = false
        public var inflammatoryNightWaking = false
        public var inflammatoryBetterWithMovement = false
        public var inflammatoryButtockPain = false
        public var legPainEasesStandingStill = false
        public var circulationRisk = false
        /// Asked in pregnancy: bleeding, leaking fluid, regular tightenings, a bad headache or
        /// blurred sight, or a swollen, sore calf.
        public var pregnancyWarningSigns = false
        /// Neck: dizziness, double vision, trouble speaking or swallowing, drop attacks, a numb
        /// face, or a sudden worst-ever headache (cervical arterial dysfunction).
        public var neckArterySigns = false
        /// Neck: clumsy hands or unsteady walking (pressure on the spinal cord).
        public var neckCordSigns = false
        /// Shoulder: pain with chest pain, breathlessness or sweating, or brought on by exertion.
        public var shoulderHeartSigns = false
        /// Hip or knee: a hot, swollen joint with fever or feeling unwell (a joint infection).
        public var hotSwollenJoint = false
        /// Hip, knee, ankle or foot: unable to take weight on the leg since an injury.
        public var cannotBearWeight = false
        /// Leg: a swollen, warm, tender calf, more so after travel, surgery or bed rest (a clot).
        public var calfSwelling = false
        /// Ankle: a sudden snap or kick at the back of the heel (Achilles tendon rupture).
        public var heelSnap = false

        public init() {}

        public static let keys: [String] = [
            "bladderChange", "bowelChange", "saddleNumbness", "sexualProblems", "bothLegsPain", "worseningLegWeakness",
            "weaknessArmsAndLegs", "feverWithSeverePain", "suddenSeverePainWithFaintness", "majorTrauma", "oneLegWeakness",
            "constantUpperBackPain", "nightPainNoRelief", "inflammatoryNightWaking", "inflammatoryBetterWithMovement",
            "inflammatoryButtockPain", "legPainEasesStandingStill", "circulationRisk", "pregnancyWarningSigns",
            "neckArterySigns", "neckCordSigns", "shoulderHeartSigns", "hotSwollenJoint", "cannotBearWeight", "calfSwelling", "heelSnap",
        ]

        /// The danger questions asked only of members with pain in one of these regions
        /// (REVIEW-2026-12 A-2, ENG-6); the rest are asked of everyone.
        public static let askedFor: [String: Set<BodyRegion>] = [
            "neckArterySigns": [.cervical], "neckCordSigns": [.cervical], "shoulderHeartSigns": [.shoulder],
            "hotSwollenJoint": [.hip, .knee], "cannotBearWeight": [.hip, .knee, .ankleFoot],
            "calfSwelling": [.hip, .knee, .ankleFoot], "heelSnap": [.ankleFoot],
        ]
    }

    /// History that changes what is safe (RESEARCH §1.2).
    public struct History: Sendable, Equatable, Codable {
        public var cancer = false
        public var osteoporosisOrSteroids = false
        public var immunosuppression = false
        public var recentMinorTrauma = false
        public var fever = false
        public var unexplainedWeightLoss = false
        /// Told by a doctor they have an abdominal aortic aneurysm.
        public var knownAneurysm = false
        /// CDC STEADI's three key questions, asked at 65 and over.
        public var fellInPastYear = false
        public var feelsUnsteady = false
        public var worriesAboutFalling = false

        public init() {}

        public static let keys: [String] = [
            "cancer", "osteoporosisOrSteroids", "immunosuppression", "recentMinorTrauma", "fever", "unexplainedWeightLoss",
            "knownAneurysm", "fellInPastYear", "feelsUnsteady", "worriesAboutFalling",
        ]

        /// Any yes to the three key questions screens positive for falls risk (CLINICAL-SOURCES [S6]).
        public var fallsScreenPositive: Bool { fellInPastYear || feelsUnsteady || worriesAboutFalling }
    }

    /// Pregnant now, or had a baby in the last 12 months.
    public enum Pregnancy: String, CaseIterable, Sendable, Codable {
        case no, pregnant, postpartum
    }

    public enum HipApproach: String, CaseIterable, Sendable, Codable {
        case posterior, anterior, lateral, unknown
    }

    public enum SpineSurgery: String, CaseIterable, Sendable, Codable {
        case fusion, discectomy, decompression, other
    }

    /// Operations that change what is safe: each with how many weeks ago it was.
    public struct Surgery: Sendable, Equatable, Codable {
        public var hipReplacementWeeksAgo: Int?
        public var hipApproach: HipApproach?
        public var kneeReplacementWeeksAgo: Int?
        public var spineSurgeryWeeksAgo: Int?
        public var spineSurgery: SpineSurgery?

        public init() {}

        public var hasHipReplacement: Bool { hipReplacementWeeksAgo != nil }
        public var hasKneeReplacement: Bool { kneeReplacementWeeksAgo != nil }
        public var hasSpineSurgery: Bool { spineSurgeryWeeksAgo != nil }

        /// Weeks since the most recent of the operations, if any.
        public var weeksSinceLatest: Int? {
            [hipReplacementWeeksAgo, kneeReplacementWeeksAgo, spineSurgeryWeeksAgo].compactMap { $0 }.min()
        }
    }

    public struct PEG: Sendable, Equatable, Codable {
        public var enjoymentInterference: Int
        public var activityInterference: Int

        public init(enjoymentInterference: Int, activityInterference: Int) {
            self.enjoymentInterference = enjoymentInterference
            self.activityInterference = activityInterference
        }
    }

    public struct PSFSItem: Sendable, Equatable, Codable {
        public var activity: String
        public var score: Int

        public init(activity: String, score: Int) {
            self.activity = activity
            self.score = score
        }
    }

    public struct ClockTime: Sendable, Equatable, Codable, Comparable {
        public let hour: Int
        public let minute: Int

        public init?(_ text: String) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
            else { return nil }
            self.hour = hour
            self.minute = minute
        }

        public init(minutesOfDay: Int) {
            hour = (minutesOfDay / 60) % 24
            minute = minutesOfDay % 60
        }

        public var minutesOfDay: Int { hour * 60 + minute }
        public var text: String { String(format: "%02d:%02d", hour, minute) }
        public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutesOfDay < b.minutesOfDay }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let value = ClockTime(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Expected HH:MM"))
            }
            self = value
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    public struct WorkHours: Sendable, Equatable, Codable {
        public var start: ClockTime
        public var end: ClockTime

        public init(start: ClockTime, end: ClockTime) {
            self.start = start
            self.end = end
        }
    }

    public var age: Int
    public var painRegions: [BodyRegion]
    public var weeksWithPain: Int
    public var painNow: Int
    public var painAverageWeek: Int
    public var painWorstWeek: Int
    public var worseWith: [Activity] = []
    public var betterWith: [Activity] = []
    public var legSymptoms: LegSymptoms = .none
    public var numbnessOrTingling = false
    public var walkMinutesBeforePain: Int?
    public var firstEverEpisode = false
    public var gettingWorse = false
    public var dangerSigns = DangerSigns()
    public var history = History()
    public var peg: PEG
    public var psfs: [PSFSItem] = []
    public var phq2: [Int]
    public var gad2: [Int]
    public var fearOfMovement: Int
    public var goals = ""
    public var canGetToFloor = true
    public var equipment: [Equipment] = []
    public var sittingHoursPerDay = 0
    public var workHours: WorkHours?
    public var preferredWalkTime: WalkTime = .morning
    public var pregnancy: Pregnancy = .no
    /// Weeks of pregnancy, when pregnant.
    public var weeksPregnant: Int?
    public var surgery = Surgery()
    /// PHQ-9 items 3 to 9 (each 0–3), asked when PHQ-2 is 3 or more; the last is the self-harm item.
    public var phq9Rest: [Int]?

    public init(
        age: Int,
        painRegions: [BodyRegion],
        weeksWithPain: Int,
        painNow: Int,
        painAverageWeek: Int,
        painWorstWeek: Int,
        peg: PEG,
        phq2: [Int],
        gad2: [Int],
        fearOfMovement: Int
    ) {
        self.age = age
        self.painRegions = painRegions
        self.weeksWithPain = weeksWithPain
        self.painNow = painNow
        self.painAverageWeek = painAverageWeek
        self.painWorstWeek = painWorstWeek
        self.peg = peg
        self.phq2 = phq2
        self.gad2 = gad2
        self.fearOfMovement = fearOfMovement
    }

    public var primaryRegion: BodyRegion { painRegions.first ?? .lumbar }

    /// An intake with nothing in it but lower-back pain: the background danger signs are judged
    /// on when a member's own intake cannot be read (a re-screen still answers them).
    public static var neutral: Intake {
        Intake(
            age: 40,
            painRegions: [.lumbar],
            weeksWithPain: 8,
            painNow: 0,
            painAverageWeek: 0,
            painWorstWeek: 0,
            peg: .init(enjoymentInterference: 0, activityInterference: 0),
            phq2: [0, 0],
            gad2: [0, 0],
            fearOfMovement: 0
        )
    }

    /// PEG-3: the mean of average pain and the two interference items (RESEARCH §4 [56]).
    public var pegScore: Double {
        Double(painAverageWeek + peg.enjoymentInterference + peg.activityInterference) / 3
    }

    public var phq2Total: Int { phq2.reduce(0, +) }
    public var gad2Total: Int { gad2.reduce(0, +) }

    /// PHQ-9 total when its follow-up items were answered.
    public var phq9Total: Int? { phq9Rest.map { $0.reduce(0, +) + phq2Total } }
    /// PHQ-9 item 9: thoughts of being better off dead or of self-harm, on any day.
    public var reportsSelfHarmThoughts: Bool { (phq9Rest?.last ?? 0) > 0 }

    public static let spinalRegions: Set<BodyRegion> = [.lumbar, .thoracic, .cervical]
    /// Pain in the back or neck, in any of the regions they named.
    public var hasSpinalPain: Bool { painRegions.contains { Self.spinalRegions.contains($0) } }
    /// Past the first trimester (13 weeks on), when lying flat and on the front are left out.
    public var pregnantPastFirstTrimester: Bool { pregnancy == .pregnant && (weeksPregnant ?? 13) >= 13 }

    /// Any sign that a nerve is involved.
    public var hasNerveSymptoms: Bool {
        legSymptoms != .none || numbnessOrTingling || dangerSigns.oneLegWeakness
    }
}
