/// What one member's program may hold: the limits the first plan is built under, that every
/// progression swap must pass again, and that a clinician's edit is warned against
/// (docs/intake.md, "Program" and "Special populations"). Each limit carries its rule and source.
public struct MemberLimits: Sendable, Equatable {
    public var maxLevel: Int
    public var excludedBiases: Set<SpineBias> = []
    public var allowed: Set<Equipment>
    public var floorAllowed: Bool
    /// Positions left out whatever the floor answer (lying flat or on the front in pregnancy),
    /// each with the rule that leaves it out.
    public var excludedPositions: [BodyPosition: String] = [:]
    /// Movements left out, each with the rule that leaves it out.
    public var excludedMovements: [ExerciseMovement: String] = [:]
    /// Positive falls screen: balance work belongs in any program.
    public var balanceForAnyRegion = false
    /// Positions preferred among equal fits: in pregnancy, upright and side-lying work that keeps
    /// the pelvis level suits pelvic girdle pain (SOURCES [S3][S8]).
    public var preferredPositions: Set<BodyPosition> = []
    /// Leg symptoms at intake, which the guardrails name when a clinician adds a nerve glide.
    public var legSymptoms = false

    /// Exercises only a physical therapist adds, after examining: nerve glides need a check for
    /// centralisation first, and the side glide needs the lean seen (REVIEW-2026-12 E-7, E-8).
    public static let clinicianOnly: Set<String> = ["standing-side-glide"]

    public static func isClinicianOnly(_ exercise: Exercise) -> Bool {
        exercise.kind == .neural || clinicianOnly.contains(exercise.id)
    }

    /// The first limit this exercise crosses, as (rule, plain reason), or nil when it is within them.
    /// Region and clinician-only choices are the builder's business, not a limit.
    public func violation(_ exercise: Exercise) -> (rule: String, reason: String)? {
        if exercise.level > maxLevel {
            return ("P-level", "\(exercise.name) is level \(exercise.level); this member stays at level \(maxLevel) or below for now.")
        }
        if excludedBiases.contains(exercise.spineBias) {
            return ("P-bias", "\(exercise.name) moves the spine into \(exercise.spineBias.rawValue), which this member's pattern leaves out.")
        }
        if !floorAllowed, ProgramBuilder.floorPositions.contains(exercise.position) {
            return ("P-floor", "\(exercise.name) is done on the floor, and this member said getting down to the floor is hard.")
        }
        if let rule = excludedPositions[exercise.position] {
            return (rule, "\(exercise.name) is done \(exercise.position.label.lowercased()), which \(MemberLimits.who(rule)) should avoid.")
        }
        for movement in ExerciseMovement.allCases where exercise.movements.contains(movement) {
            if let rule = excludedMovements[movement] {
                return (rule, "\(exercise.name) asks for \(movement.plainName), which \(MemberLimits.who(rule)) should avoid.")
            }
        }
        let missing = exercise.equipment.filter { !allowed.contains($0) }
        if !missing.isEmpty {
            return (
                "P-equipment", "\(exercise.name) needs \(missing.map(\.rawValue).joined(separator: ", ")), which this member did not say they have."
            )
        }
        return nil
    }

    static func who(_ rule: String) -> String {
        switch rule {
        case "P-osteoporosis": "someone with osteoporosis or on long-term steroids"
        case "P-pregnancy", "P-pregnancy-early": "someone who is pregnant"
        case "P-postpartum": "someone in the months after giving birth"
        case "P-hip-posterior": "someone with a hip replacement (posterior or unknown approach)"
        case "P-hip-anterior": "someone with a hip replacement (anterior approach)"
        case "P-knee-replacement": "someone with a knee replacement"
        case "P-spine-surgery": "someone after spine surgery"
        default: "this member"
        }
    }
}

extension ExerciseMovement {
    /// For reasons shown to clinicians and members.
    public var plainName: String {
        switch self {
        case .spinalFlexion: "deep or repeated forward bending of the spine"
        case .spinalRotation: "twisting the spine far"
        case .hipDeepFlexion: "bending the hip past a right angle"
        case .hipAdduction: "bringing the leg across the body"
        case .hipInternalRotation: "turning the thigh inward"
        case .hipExtensionExternalRotation: "stretching the hip back with the leg turned out"
        case .breathHold: "holding the breath"
        case .abdominalStrain: "hard bracing of the belly"
        case .highImpact: "jumping or landing"
        case .kneeling: "kneeling"
        }
    }
}

extension MemberLimits {
    /// The limits for this member, with the reasons they are told (shown as cautions on the plan).
    public static func limits(for intake: Intake, _ classification: Classification) -> (MemberLimits, [Rationale]) {
        var reasons: [Rationale] = []
        var maxLevel =
            switch classification.irritability {
            case .high: 1
            case .moderate: 2
            case .low: 3
            }
        if intake.age >= 75 { maxLevel = min(maxLevel, 2) }
        reasons.append(
            Rationale(
                rule: "P-level",
                explanation:
                    "Exercises stay at level \(maxLevel) or below for now\(intake.age >= 75 ? ", which also suits your age" : ""); they step up as your pain allows.",
                source: "RESEARCH §3.3 [42][44] (design synthesis)"
            )
        )
        var limits = MemberLimits(maxLevel: maxLevel, allowed: ProgramBuilder.household.union(intake.equipment), floorAllowed: intake.canGetToFloor)
        limits.legSymptoms = intake.legSymptoms != .none
        switch classification.pattern {
        case .flexionRelievedWalking:
            limits.excludedBiases = [.extension]
            reasons.append(
                Rationale(
                    rule: "P-bias-flexion-relieved",
                    explanation: "No backward-bending exercises: standing and walking upright already bother your back.",
                    source: "RESEARCH §5.9 [28][48][49]"
                )
            )
        case .extensionPreference:
            limits.excludedBiases = [.flexion]
            reasons.append(
                Rationale(
                    rule: "P-bias-extension",
                    explanation: "No forward-bending exercises while bending backward is what eases your pain.",
                    source: "RESEARCH §5.9 [28][48]"
                )
            )
        case .flexionIntolerance:
            limits.excludedBiases = [.flexion]
            reasons.append(
                Rationale(
                    rule: "P-bias-flexion-intolerance",
                    explanation: "No forward-bending exercises, since sitting and bending forward make your pain worse.",
                    source: "RESEARCH §2.2 [28]"
                )
            )
        case .nonSpecific:
            reasons.append(
                Rationale(
                    rule: "P-bias-neutral",
                    explanation: "Mostly steady-spine strength and control exercises, the core of care for back pain without a clear direction.",
                    source: "RESEARCH §5.9 [21]"
                )
            )
        case .region:
            break
        }
        if !intake.canGetToFloor {
            reasons.append(
                Rationale(
                    rule: "P-floor",
                    explanation: "Every exercise is done standing or sitting, since getting down to the floor is hard for you.",
                    source: "intake answer (canGetToFloor)"
                )
            )
        }
        // Nerve glides are never chosen by the engine; members with leg symptoms are told why.
        if limits.legSymptoms {
            reasons.append(
                Rationale(
                    rule: "P-neural",
                    explanation:
                        "No nerve-glide exercises yet because of your leg symptoms; your physical therapist can add them after checking how your nerves respond.",
                    source: "RESEARCH §5.9 (#36 only if no peripheralization); REVIEW-2026-12 E-7"
                )
            )
        }
        func exclude(_ movements: [ExerciseMovement], _ rule: String) {
            for movement in movements where limits.excludedMovements[movement] == nil { limits.excludedMovements[movement] = rule }
        }
        if intake.history.osteoporosisOrSteroids {
            exclude([.spinalFlexion, .spinalRotation, .highImpact], "P-osteoporosis")
            reasons.append(
                Rationale(
                    rule: "P-osteoporosis",
                    explanation:
                        "Because of thin bones or long-term steroids, no deep or repeated forward bending, no far twisting and no jumping: standing strength, balance and walking protect your bones instead.",
                    source: "SOURCES [S1][S2]"
                )
            )
        }
        switch intake.pregnancy {
        case .pregnant where intake.pregnantPastFirstTrimester:
            limits.excludedPositions = [.supine: "P-pregnancy", .prone: "P-pregnancy"]
            limits.preferredPositions = [.standing, .seated, .sideLying]
            exclude([.breathHold, .abdominalStrain, .highImpact], "P-pregnancy")
            reasons.append(
                Rationale(
                    rule: "P-pregnancy",
                    explanation:
                        "While you are pregnant, nothing lying flat on your back or on your front, no holding your breath and no hard bracing of your belly; sitting, standing and side-lying exercises that keep your pelvis even suit you best.",
                    source: "SOURCES [S3][S8]"
                )
            )
        case .pregnant:
            exclude([.breathHold, .abdominalStrain, .highImpact], "P-pregnancy-early")
            reasons.append(
                Rationale(
                    rule: "P-pregnancy-early",
                    explanation: "While you are pregnant, no holding your breath, no hard bracing of your belly and no jumping.",
                    source: "SOURCES [S3]"
                )
            )
        case .postpartum:
            exclude([.abdominalStrain, .highImpact], "P-postpartum")
            reasons.append(
                Rationale(
                    rule: "P-postpartum",
                    explanation:
                        "In the year after having a baby, no hard bracing of the belly and no jumping until a pelvic-health physical therapist has checked your tummy muscles and pelvic floor.",
                    source: "SOURCES [S3][S8]"
                )
            )
        case .no:
            break
        }
        if intake.surgery.hasHipReplacement {
            if intake.surgery.hipApproach == .anterior {
                exclude([.hipExtensionExternalRotation], "P-hip-anterior")
                reasons.append(
                    Rationale(
                        rule: "P-hip-anterior",
                        explanation:
                            "With your hip replacement (front approach), no stretching the hip back with the leg turned out, until your surgeon says otherwise.",
                        source: "SOURCES [S4]"
                    )
                )
            } else {
                exclude([.hipDeepFlexion, .hipAdduction, .hipInternalRotation], "P-hip-posterior")
                reasons.append(
                    Rationale(
                        rule: "P-hip-posterior",
                        explanation:
                            "With your hip replacement, no bending the hip past a right angle, no crossing the leg over and no turning it inward, until your surgeon says otherwise.",
                        source: "SOURCES [S4]"
                    )
                )
            }
        }
        if intake.surgery.hasKneeReplacement {
            exclude([.kneeling, .highImpact], "P-knee-replacement")
            reasons.append(
                Rationale(
                    rule: "P-knee-replacement",
                    explanation: "With your knee replacement, no kneeling and no jumping, until your surgeon says you may.",
                    source: "SOURCES [S4]"
                )
            )
        }
        if intake.surgery.hasSpineSurgery {
            exclude([.spinalFlexion, .spinalRotation, .highImpact], "P-spine-surgery")
            reasons.append(
                Rationale(
                    rule: "P-spine-surgery",
                    explanation:
                        "After your spine operation, no deep or loaded forward bending, no far twisting and no jumping; general exercise and walking suit you best.",
                    source: "SOURCES [S5]; RESEARCH [21]"
                )
            )
        }
        if intake.age >= 65, intake.history.fallsScreenPositive {
            limits.balanceForAnyRegion = true
            reasons.append(
                Rationale(
                    rule: "P-falls",
                    explanation:
                        "Balance exercises are part of your program, done next to a counter or sturdy chair, because strength and balance work lowers the chance of falls.",
                    source: "SOURCES [S6][S7]; RESEARCH [51]"
                )
            )
        }
        return (limits, reasons)
    }
}

extension MemberLimits {
    /// These limits without the one `rule` names, so every limit an exercise crosses can be
    /// listed in turn (the plan editor's warnings).
    mutating func relax(_ rule: String) {
        switch rule {
        case "P-level": maxLevel = 5
        case "P-bias": excludedBiases = []
        case "P-floor": floorAllowed = true
        case "P-equipment": allowed = Set(Equipment.allCases)
        default:
            excludedPositions = excludedPositions.filter { $0.value != rule }
            excludedMovements = excludedMovements.filter { $0.value != rule }
        }
    }
}
