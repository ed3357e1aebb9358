/// Chooses 5–8 exercises for one member from the catalog (docs/intake.md, "Program"): only what
/// is safe for their pattern, possible in their position and with their equipment, at a level
/// their pain allows; then ordered warm-up → mobility → strength → stretch → cool-down.
public enum ProgramBuilder {
    /// What every home is assumed to have.
    public static let household: Set<Equipment> = [.noEquipment, .wall, .doorway, .chair, .counter, .table, .towel, .pillow]
    public static let floorPositions: Set<BodyPosition> = [.supine, .prone, .sideLying, .quadruped, .kneeling, .halfKneeling, .floorSitting]
    /// The founding brief's exercises for back pain when walking.
    public static let briefExercises = ["forward-bend", "standing-childs-pose", "seated-backbends", "knee-hug", "cat-cow"]

    /// Daily habits with their own place in the plan (heat, movement snacks), not session exercises.
    static let habits: Set<String> = ["heat-before-walk", "movement-snack"]

    static let phaseTargets: [(ProgramPlan.Phase, Int)] = [(.warmUp, 1), (.mobility, 2), (.strength, 2), (.stretch, 1), (.coolDown, 1)]

    struct Limits {
        let maxLevel: Int
        let excludedBiases: Set<SpineBias>
        let allowed: Set<Equipment>
        let floorAllowed: Bool
        let nerveGlidesAllowed: Bool
    }

    static func limits(for intake: Intake, _ classification: Classification) -> (Limits, [Rationale]) {
        var reasons: [Rationale] = []
        var maxLevel = switch classification.irritability { case .high: 1; case .moderate: 2; case .low: 3 }
        if intake.age >= 75 { maxLevel = min(maxLevel, 2) }
        reasons.append(Rationale(rule: "P-level", explanation: "Exercises stay at level \(maxLevel) or below for now\(intake.age >= 75 ? ", which also suits your age" : ""); they step up as your pain allows.",
                                 source: "RESEARCH §3.3 [42][44] (design synthesis)"))
        var excluded: Set<SpineBias> = []
        switch classification.pattern {
        case .flexionRelievedWalking:
            excluded = [.extension]
            reasons.append(Rationale(rule: "P-bias-flexion-relieved", explanation: "No backward-bending exercises: standing and walking upright already bother your back.", source: "RESEARCH §5.9 [28][48][49]"))
        case .extensionPreference:
            excluded = [.flexion]
            reasons.append(Rationale(rule: "P-bias-extension", explanation: "No forward-bending exercises while bending backward is what eases your pain.", source: "RESEARCH §5.9 [28][48]"))
        case .flexionIntolerance:
            excluded = [.flexion]
            reasons.append(Rationale(rule: "P-bias-flexion-intolerance", explanation: "No forward-bending exercises, since sitting and bending forward make your pain worse.", source: "RESEARCH §2.2 [28]"))
        case .nonSpecific:
            reasons.append(Rationale(rule: "P-bias-neutral", explanation: "Mostly steady-spine strength and control exercises, the core of care for back pain without a clear direction.", source: "RESEARCH §5.9 [21]"))
        case .region:
            break
        }
        if !intake.canGetToFloor {
            reasons.append(Rationale(rule: "P-floor", explanation: "Every exercise is done standing or sitting, since getting down to the floor is hard for you.", source: "intake answer (canGetToFloor)"))
        }
        let allowed = household.union(intake.equipment)
        if intake.legSymptoms != .none {
            reasons.append(Rationale(rule: "P-neural", explanation: "No nerve-glide exercises yet because of your leg symptoms; your physical therapist can add them after checking.", source: "RESEARCH §5.9 (#36 only if no peripheralization)"))
        }
        return (Limits(maxLevel: maxLevel, excludedBiases: excluded, allowed: allowed, floorAllowed: intake.canGetToFloor,
                       nerveGlidesAllowed: intake.legSymptoms == .none), reasons)
    }

    static func admits(_ exercise: Exercise, region: BodyRegion, limits: Limits) -> Bool {
        guard exercise.regions.contains(region) || (exercise.regions.contains(.wholeBody) && [.mobility, .relaxation].contains(exercise.kind)) else { return false }
        guard exercise.kind != .aerobic, !habits.contains(exercise.id) else { return false }
        if exercise.kind == .balance, ![.hip, .knee, .ankleFoot].contains(region) { return false }
        if exercise.kind == .neural, !limits.nerveGlidesAllowed { return false }
        if exercise.level > limits.maxLevel { return false }
        if limits.excludedBiases.contains(exercise.spineBias) { return false }
        if !limits.floorAllowed, floorPositions.contains(exercise.position) { return false }
        return exercise.equipment.allSatisfy { limits.allowed.contains($0) }
    }

    /// A warm-up is an easy movement done standing or sitting; every other phase follows the kind.
    static func fits(_ exercise: Exercise, _ phase: ProgramPlan.Phase) -> Bool {
        if phase == .warmUp {
            return exercise.kind == .mobility && exercise.level == 1 && [.standing, .seated].contains(exercise.position)
        }
        return self.phase(of: exercise) == phase
    }

    static func phase(of exercise: Exercise) -> ProgramPlan.Phase {
        switch exercise.kind {
        case .stretch: .stretch
        case .relaxation: .coolDown
        case .strength, .motorControl, .endurance, .balance: .strength
        case .mobility, .neural, .aerobic: .mobility
        }
    }

    static func condition(for pattern: PainPattern, region: BodyRegion) -> PainCondition {
        switch pattern {
        case .flexionRelievedWalking: .flexionRelievedWalkingPain
        case .extensionPreference: .extensionPreference
        case .flexionIntolerance: .flexionIntolerance
        case .nonSpecific: .nonspecificLowBackPain
        case .region:
            switch region {
            case .thoracic: .thoracicStiffness
            case .cervical: .neckPain
            case .shoulder: .shoulderPain
            case .hip: .hipPain
            case .knee: .kneePain
            case .ankleFoot: .ankleFootPain
            case .lumbar, .wholeBody: .nonspecificLowBackPain
            }
        }
    }

    static func isBetterFit(_ a: (exercise: Exercise, score: Int), _ b: (exercise: Exercise, score: Int)) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.exercise.level != b.exercise.level { return a.exercise.level < b.exercise.level }
        return a.exercise.id < b.exercise.id
    }

    /// Higher is a better fit: the member's condition first, then a spine bias that suits the pattern.
    static func score(_ exercise: Exercise, pattern: PainPattern, condition: PainCondition) -> Int {
        var score = exercise.conditions.contains(condition) ? 10 : 0
        let preferred: [SpineBias] = switch pattern {
        case .flexionRelievedWalking: [.flexion, .neutral]
        case .extensionPreference: [.extension, .neutral]
        case .flexionIntolerance, .nonSpecific: [.neutral]
        case .region: []
        }
        if let rank = preferred.firstIndex(of: exercise.spineBias) { score += 4 - rank }
        return score
    }

    public static func build(_ intake: Intake, _ classification: Classification, catalog: ExerciseCatalog)
        -> (items: [ProgramPlan.Item], reasons: [Rationale]) {
        let region = classification.primaryRegion
        let (limits, reasons) = limits(for: intake, classification)
        let condition = condition(for: classification.pattern, region: region)
        // Score each admitted exercise once, then sort: best fit first, easier first, then by id.
        let scored: [(exercise: Exercise, score: Int)] = catalog.all
            .filter { admits($0, region: region, limits: limits) }
            .map { ($0, score($0, pattern: classification.pattern, condition: condition)) }
        let candidates: [Exercise] = scored.sorted(by: isBetterFit).map(\.exercise)

        var chosen: [(Exercise, ProgramPlan.Phase, Rationale)] = []
        func isChosen(_ exercise: Exercise) -> Bool { chosen.contains { $0.0.id == exercise.id } }
        /// An easier or harder version of something already in the plan adds little variety.
        func isVariantOfChosen(_ exercise: Exercise) -> Bool {
            chosen.contains { picked, _, _ in
                picked.progressions.contains(exercise.id) || picked.regressions.contains(exercise.id)
                    || exercise.progressions.contains(picked.id) || exercise.regressions.contains(picked.id)
            }
        }

        // The brief's five come first for walking-provoked low back pain, where the rules allow them.
        if region == .lumbar, intake.worseWith.contains(.walking) {
            for id in briefExercises {
                guard let exercise = catalog[id], candidates.contains(where: { $0.id == id }) else { continue }
                chosen.append((exercise, id == "forward-bend" ? .mobility : phase(of: exercise), Rationale(
                    rule: "P-brief",
                    explanation: "\(exercise.name) is one of the five exercises for back pain when walking, and it suits your pattern of pain.",
                    source: "PRODUCT brief; RESEARCH §5.9")))
            }
        }
        for (phase, target) in phaseTargets {
            var have = chosen.filter { $0.1 == phase }.count
            for exercise in candidates where have < target && !isChosen(exercise) && !isVariantOfChosen(exercise) && fits(exercise, phase) {
                chosen.append((exercise, phase, selectionReason(exercise, phase: phase, region: region, pattern: classification.pattern, condition: condition)))
                have += 1
            }
        }
        // Restricted members may leave a phase short; fill up to five from the best remaining fits.
        for exercise in candidates where chosen.count < 5 && !isChosen(exercise) {
            chosen.append((exercise, phase(of: exercise), selectionReason(exercise, phase: phase(of: exercise), region: region, pattern: classification.pattern, condition: condition)))
        }
        let ordered = chosen.prefix(8).sorted { a, b in
            let (ia, ib) = (ProgramPlan.Phase.allCases.firstIndex(of: a.1)!, ProgramPlan.Phase.allCases.firstIndex(of: b.1)!)
            return ia < ib
        }
        let items = ordered.map { exercise, phase, reason in
            let dose = dose(for: exercise, irritability: classification.irritability)
            return ProgramPlan.Item(exerciseId: exercise.id, name: exercise.name, phase: phase, dose: dose.dose, doseText: dose.dose.description,
                                    rationale: reason, doseRationale: dose.reason)
        }
        return (items, reasons)
    }

    static func selectionReason(_ exercise: Exercise, phase: ProgramPlan.Phase, region: BodyRegion, pattern: PainPattern, condition: PainCondition) -> Rationale {
        let role = switch phase {
        case .warmUp: "A gentle warm-up"
        case .mobility: "Eases stiffness"
        case .strength: "Builds strength and control"
        case .stretch: "Stretches tight muscles"
        case .coolDown: "Helps you wind down"
        }
        let fit = exercise.conditions.contains(condition) ? " and is used for pain like yours" : ""
        return Rationale(rule: "P-select-\(phase.rawValue)",
                         explanation: "\(role) for your \(region.label.lowercased())\(fit); level \(exercise.level) fits where your pain is now.",
                         source: exercise.source)
    }

    static func dose(for exercise: Exercise, irritability: Classification.Irritability) -> (dose: Dose, reason: Rationale) {
        let base = exercise.dose
        guard irritability == .high, base.sets > 1 else {
            return (base, Rationale(rule: "P-dose-default", explanation: "The usual starting dose for this exercise.", source: exercise.source))
        }
        let gentler = Dose(sets: 1, reps: base.reps, holdSeconds: base.holdSeconds, holdSecondsMax: base.holdSecondsMax, minutes: base.minutes, perSide: base.perSide)
        return (gentler, Rationale(rule: "P-dose-irritable", explanation: "One set to start, because your pain is easily stirred up; more sets come as it settles.", source: "RESEARCH §3.1 [42]"))
    }
}
