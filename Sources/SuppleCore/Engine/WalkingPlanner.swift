/// The walking plan: interval walking that starts a little below the member's pain-free time and
/// grows about 10% a week toward 30 minutes, 5 days a week (docs/intake.md, "Walking").
public enum WalkingPlanner {
    public static let targetMinutes = 30

    public static func plan(_ intake: Intake, _ classification: Classification, warmUp: String?) -> ProgramPlan.Walking {
        var reasons: [Rationale] = []
        let start: Int
        if let painFree = intake.walkMinutesBeforePain {
            start = min(targetMinutes, max(3, painFree * 8 / 10))
            reasons.append(
                Rationale(
                    rule: "W-start",
                    explanation:
                        "You can walk about \(painFree) minutes before pain starts, so walks begin a little below that, at \(start) minutes.",
                    source: "RESEARCH §2.3 [30][33], §3.2 [40]"
                )
            )
        } else {
            start = 10
            reasons.append(
                Rationale(
                    rule: "W-start",
                    explanation: "Walks begin at 10 minutes, an easy amount for most people, and build from there.",
                    source: "RESEARCH §3.4 [46]"
                )
            )
        }
        let bouts = start < 15 ? 2 : 1
        reasons.append(
            Rationale(
                rule: "W-progress",
                explanation:
                    "Walks start on 3 days a week; after each week of comfortable walks you add a day, up to 5, and then each walk grows about 10% toward 30 minutes. That kind of build-up lengthened the time people stayed free of back pain in the WalkBack trial.",
                source: "RESEARCH §3.4 [46]"
            )
        )
        let walkingHurts = intake.worseWith.contains(.walking) || intake.worseWith.contains(.standing)
        let breakRule: String
        if intake.dangerSigns.legPainEasesStandingStill && intake.dangerSigns.circulationRisk {
            // Leg pain from the blood vessels eases with rest, not with a bend (REVIEW-2026-12 §4.4).
            breakRule = "When leg pain starts, stop and stand still until it eases, then walk on."
            reasons.append(
                Rationale(
                    rule: "W-stand-still-break",
                    explanation:
                        "Leg pain that eases when you simply stand still may come from the circulation, so a short standing rest is the break that helps.",
                    source: "RESEARCH §1.3 Tier 3 [34] (low-quality source)"
                )
            )
        } else if classification.pattern == .flexionRelievedWalking
            || (intake.primaryRegion == .lumbar && walkingHurts && classification.pattern != .extensionPreference)
        {
            if intake.history.osteoporosisOrSteroids || intake.surgery.hasSpineSurgery {
                breakRule = "When pain starts, sit down and lean forward a little with a long, straight back for a minute, then walk on."
                reasons.append(
                    Rationale(
                        rule: "W-seated-break",
                        explanation:
                            "Leaning forward while sitting opens up the lower back without the deep forward bend your bones or spine should avoid.",
                        source: "PRODUCT brief; SOURCES [S1][S5]"
                    )
                )
            } else {
                breakRule =
                    "When pain starts, stop and bend forward toward your toes for 10–15 seconds (Forward Bend), or sit down for a minute, then walk on."
                reasons.append(
                    Rationale(
                        rule: "W-flexion-break",
                        explanation:
                            "Bending forward opens up the lower back after walking upright, so a short forward bend at the first twinge often lets you keep going.",
                        source: "PRODUCT brief; RESEARCH §2.3 [29][30]"
                    )
                )
            }
        } else {
            breakRule = "If pain starts, slow down or rest for a minute, then carry on at an easy pace."
            reasons.append(
                Rationale(
                    rule: "W-rest-break",
                    explanation: "A short rest at the first sign of pain keeps the walk comfortable without stopping it.",
                    source: "RESEARCH §3.1 [42]"
                )
            )
        }
        if warmUp != nil {
            reasons.append(
                Rationale(
                    rule: "W-warm-up",
                    explanation: "Do the warm-up from your plan before setting out: a few gentle movements get blood flowing to your back.",
                    source: "PRODUCT brief"
                )
            )
        }
        return ProgramPlan.Walking(
            startMinutes: start,
            bouts: bouts,
            daysPerWeekStart: 3,
            daysPerWeekTarget: 5,
            daysPerWeek: 3,
            targetMinutes: targetMinutes,
            weeklyMinutes: weeklyMinutes(from: start),
            breakRule: breakRule,
            warmUpExerciseId: warmUp,
            preferredTime: intake.preferredWalkTime,
            rationale: reasons
        )
    }

    /// Minutes per walk for each week: about 10% more each week, at least one minute, capped at 30.
    public static func weeklyMinutes(from start: Int) -> [Int] {
        var weeks = [start]
        while let last = weeks.last, last < targetMinutes, weeks.count < 52 {
            weeks.append(min(targetMinutes, last + max(1, Int((Double(last) * 0.1).rounded()))))
        }
        return weeks
    }
}

/// Heat before the walk and movement snacks through the working day (PRODUCT brief).
public enum DailyHabits {
    /// The brief's hot pack is for the lower back before a walk: only for lower-back pain, and
    /// never on numb skin or with poor circulation (REVIEW-2026-12 §4.2).
    public static func heat(_ intake: Intake) -> ProgramPlan.Heat? {
        guard intake.primaryRegion == .lumbar, !intake.numbnessOrTingling, !intake.dangerSigns.circulationRisk else { return nil }
        return ProgramPlan.Heat(
            minutesBeforeWalk: 15,
            advice: "Put a warm (not hot) pack on your lower back for 10–15 minutes before your walk, with a cloth between it and your skin.",
            rationale: Rationale(
                rule: "H-before-walk",
                explanation: "Heat relaxes tense muscles and helps the warm-up, which can keep pain away on the walk.",
                source: "PRODUCT brief"
            )
        )
    }

    /// Why there is no heat, when it is left out for safety.
    public static func heatCaution(_ intake: Intake) -> ProgramPlan.Caution? {
        // Only the lower-back plan has a hot pack to leave out.
        guard intake.primaryRegion == .lumbar else { return nil }
        if intake.numbnessOrTingling {
            return ProgramPlan.Caution(
                message: "Skip heat packs on any area that feels numb: you may not feel if it is too hot.",
                rationale: Rationale(rule: "H-numbness", explanation: "Numb skin cannot warn you of a burn.", source: "PRODUCT brief (safety)")
            )
        }
        if intake.dangerSigns.circulationRisk {
            return ProgramPlan.Caution(
                message: "No heat packs for now: with smoking or poor circulation, skin can burn without you feeling it. Ask your clinician first.",
                rationale: Rationale(
                    rule: "H-circulation",
                    explanation: "Poor circulation and diabetes make burns from heat packs more likely.",
                    source: "PRODUCT brief (safety); REVIEW-2026-12 §4.2"
                )
            )
        }
        return nil
    }

    public static func snacks(_ intake: Intake, plan items: [ProgramPlan.Item], catalog: ExerciseCatalog) -> ProgramPlan.Snacks? {
        guard intake.sittingHoursPerDay >= 4 else { return nil }
        let from = intake.workHours?.start ?? Intake.ClockTime("09:00")!
        let to = intake.workHours?.end ?? Intake.ClockTime("17:00")!
        let times = stride(from: from.minutesOfDay + 30, through: to.minutesOfDay, by: 30).map(Intake.ClockTime.init(minutesOfDay:))
        // Snacks happen at a desk or by it: only exercises done standing or seated, with no kit.
        let options = items.compactMap { catalog[$0.exerciseId] }
            .filter { [.standing, .seated].contains($0.position) && $0.needsNoEquipment }
            .map(\.id)
        let rotation = ["movement-snack"] + options.filter { $0 != "movement-snack" }
        let suggestions = times.enumerated().map { index, time in
            ProgramPlan.Snacks.Suggestion(at: time.text, exerciseId: rotation[index % rotation.count])
        }
        return ProgramPlan.Snacks(
            everyMinutes: 30,
            seconds: 30,
            from: from.text,
            to: to.text,
            count: suggestions.count,
            suggestions: suggestions,
            rationale: Rationale(
                rule: "S-sitting",
                explanation:
                    "You sit about \(intake.sittingHoursPerDay) hours a day; 30 seconds of walking or stretching every 30 minutes is better for your back than sitting straight through.",
                source: "PRODUCT brief"
            )
        )
    }
}
