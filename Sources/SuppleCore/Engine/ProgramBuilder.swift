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

    static func limits(for intake: Intake, _ classification: Classification) -> (MemberLimits, [Rationale]) {
        MemberLimits.limits(for: intake, classification)
    }

    /// Whether the engine may choose this exercise for this member by itself: it serves the region,
    /// is a session exercise (walks and habits have their own place), is not one a physical
    /// therapist adds after examining, and crosses none of the member's limits.
    public static func admits(_ exercise: Exercise, region: BodyRegion, limits: MemberLimits) -> Bool {
        guard
            exercise.regions.contains(region) || (exercise.regions.contains(.wholeBody) && [.mobility, .relaxation].contains(exercise.kind))
                || (limits.balanceForAnyRegion && exercise.kind == .balance)
        else { return false }
        // Balance work is for the legs' programs, or for anyone who screens at risk of falls.
        if exercise.kind == .balance, !limits.balanceForAnyRegion, ![.hip, .knee, .ankleFoot].contains(region) { return false }
        return admitsAnywhere(exercise, limits: limits)
    }

    /// Every test of `admits` but the region: what a swap to an easier or harder version of an
    /// exercise already in the plan must pass (REVIEW-2026-12 ENG-P1).
    public static func admitsAnywhere(_ exercise: Exercise, limits: MemberLimits) -> Bool {
        guard exercise.kind != .aerobic, !habits.contains(exercise.id), !MemberLimits.isClinicianOnly(exercise) else { return false }
        return limits.violation(exercise) == nil
    }

    /// A warm-up is an easy movement done standing or sitting; every other phase follows the kind.
    static func fits(_ exercise: Exercise, _ phase: ProgramPlan.Phase) -> Bool {
        if phase == .warmUp {
            // Forward Bend is the walk's break, written for the middle of a walk (REVIEW-2026-12 E-9).
            return exercise.kind == .mobility && exercise.level == 1 && [.standing, .seated].contains(exercise.position)
                && exercise.id != "forward-bend"
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

    /// Best fit first; among equals, the easier one, except when pain is settled (low
    /// irritability), where the hardest level allowed gives a real training dose (REVIEW-2026-12 §4.2).
    static func isBetterFit(_ a: (exercise: Exercise, score: Int), _ b: (exercise: Exercise, score: Int), harderFirst: Bool = false) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.exercise.level != b.exercise.level { return harderFirst ? a.exercise.level > b.exercise.level : a.exercise.level < b.exercise.level }
        return a.exercise.id < b.exercise.id
    }

    /// How many of each phase to pick: settled pain gets a third strength exercise.
    static func phaseTargets(_ irritability: Classification.Irritability) -> [(ProgramPlan.Phase, Int)] {
        irritability == .low ? phaseTargets.map { $0.0 == .strength ? ($0.0, 3) : $0 } : phaseTargets
    }

    /// Higher is a better fit: the member's condition first, then a spine bias that suits the pattern.
    static func score(_ exercise: Exercise, pattern: PainPattern, condition: PainCondition) -> Int {
        var score = exercise.conditions.contains(condition) ? 10 : 0
        let preferred: [SpineBias] =
            switch pattern {
            case .flexionRelievedWalking: [.flexion, .neutral]
            case .extensionPreference: [.extension, .neutral]
            case .flexionIntolerance, .nonSpecific: [.neutral]
            case .region: []
            }
        if let rank = preferred.firstIndex(of: exercise.spineBias) { score += 4 - rank }
        return score
    }

    public static func build(
        _ intake: Intake,
        _ classification: Classification,
        catalog: ExerciseCatalog
    )
        -> (items: [ProgramPlan.Item], reasons: [Rationale])
    {
        let region = classification.primaryRegion
        let (limits, reasons) = limits(for: intake, classification)
        let condition = condition(for: classification.pattern, region: region)
        // Score each admitted exercise once, then sort: best fit first, easier first, then by id.
        let scored: [(exercise: Exercise, score: Int)] = catalog.all
            .filter { admits($0, region: region, limits: limits) }
            .map {
                ($0, score($0, pattern: classification.pattern, condition: condition) + (limits.preferredPositions.contains($0.position) ? 2 : 0))
            }
        let harderFirst = classification.irritability == .low
        let candidates: [Exercise] = scored.sorted { isBetterFit($0, $1, harderFirst: harderFirst) }.map(\.exercise)

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
                chosen.append(
                    (
                        exercise, id == "forward-bend" ? .mobility : phase(of: exercise),
                        Rationale(
                            rule: "P-brief",
                            explanation:
                                "\(exercise.name) is one of the five exercises for back pain when walking, and it suits your pattern of pain.",
                            source: "PRODUCT brief; RESEARCH §5.9"
                        )
                    )
                )
            }
        }
        // A positive falls screen puts one or two balance exercises first in the strength phase.
        if limits.balanceForAnyRegion {
            let balance = candidates.filter { $0.kind == .balance }
                .sorted {
                    ($0.conditions.contains(.fallsPrevention) ? 0 : 1, $0.level, $0.id) < (
                        $1.conditions.contains(.fallsPrevention) ? 0 : 1, $1.level, $1.id
                    )
                }
            for exercise in balance.prefix(2) where !isVariantOfChosen(exercise) {
                chosen.append(
                    (
                        exercise, .strength,
                        Rationale(
                            rule: "P-falls",
                            explanation:
                                "\(exercise.name) trains balance, which lowers the chance of a fall; do it next to a counter or a sturdy chair.",
                            source: "SOURCES [S6][S7]; RESEARCH [51]"
                        )
                    )
                )
            }
        }
        for (phase, target) in phaseTargets(classification.irritability) {
            var have = chosen.filter { $0.1 == phase && $0.2.rule != "P-falls" }.count
            for exercise in candidates where have < target && !isChosen(exercise) && !isVariantOfChosen(exercise) && fits(exercise, phase) {
                chosen.append(
                    (exercise, phase, selectionReason(exercise, phase: phase, region: region, pattern: classification.pattern, condition: condition))
                )
                have += 1
            }
        }
        // Knee pain: hip strength belongs in the plan beside the knee work (REVIEW-2026-12 E-11).
        if region == .knee, !chosen.contains(where: { $0.0.regions.first == .hip && phase(of: $0.0) == .strength }),
            let hip = candidates.first(where: {
                $0.regions.first == .hip && $0.regions.contains(.knee) && phase(of: $0) == .strength && !isChosen($0)
            })
        {
            chosen.insert(
                (
                    hip, .strength,
                    Rationale(
                        rule: "P-knee-hip",
                        explanation:
                            "\(hip.name) strengthens the muscles around your hip, which steady the knee; hip and knee work together help knee pain most.",
                        source: "SOURCES [S19]; REVIEW-2026-12 E-11"
                    )
                ),
                at: 0
            )
        }
        // Restricted members may leave a phase short; fill up to five from the best remaining fits.
        for exercise in candidates where chosen.count < 5 && !isChosen(exercise) {
            chosen.append(
                (
                    exercise, phase(of: exercise),
                    selectionReason(exercise, phase: phase(of: exercise), region: region, pattern: classification.pattern, condition: condition)
                )
            )
        }
        let ordered = chosen.prefix(8).sorted { a, b in
            let (ia, ib) = (ProgramPlan.Phase.allCases.firstIndex(of: a.1)!, ProgramPlan.Phase.allCases.firstIndex(of: b.1)!)
            return ia < ib
        }
        let items = ordered.map { exercise, phase, reason in
            let dose = dose(for: exercise, irritability: classification.irritability)
            return ProgramPlan.Item(
                exerciseId: exercise.id,
                name: exercise.name,
                phase: phase,
                dose: dose.dose,
                doseText: dose.dose.description,
                rationale: reason,
                doseRationale: dose.reason
            )
        }
        return (items, reasons)
    }

    static func selectionReason(
        _ exercise: Exercise,
        phase: ProgramPlan.Phase,
        region: BodyRegion,
        pattern: PainPattern,
        condition: PainCondition
    ) -> Rationale {
        let role =
            switch phase {
            case .warmUp: "A gentle warm-up"
            case .mobility: "Eases stiffness"
            case .strength: "Builds strength and control"
            case .stretch: "Stretches tight muscles"
            case .coolDown: "Helps you wind down"
            }
        let fit = exercise.conditions.contains(condition) ? " and is used for pain like yours" : ""
        return Rationale(
            rule: "P-select-\(phase.rawValue)",
            explanation: "\(role) for your \(region.label.lowercased())\(fit); level \(exercise.level) fits where your pain is now.",
            source: exercise.source
        )
    }

    static func dose(for exercise: Exercise, irritability: Classification.Irritability) -> (dose: Dose, reason: Rationale) {
        let base = exercise.dose
        guard irritability == .high, base.sets > 1 else {
            return (base, Rationale(rule: "P-dose-default", explanation: "The usual starting dose for this exercise.", source: exercise.source))
        }
        let gentler = Dose(
            sets: 1,
            reps: base.reps,
            holdSeconds: base.holdSeconds,
            holdSecondsMax: base.holdSecondsMax,
            minutes: base.minutes,
            perSide: base.perSide
        )
        return (
            gentler,
            Rationale(
                rule: "P-dose-irritable",
                explanation: "One set to start, because your pain is easily stirred up; more sets come as it settles.",
                source: "RESEARCH §3.1 [42]"
            )
        )
    }
}
