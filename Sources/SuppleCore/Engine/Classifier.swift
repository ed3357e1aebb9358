/// Stage, irritability and pattern of pain (RESEARCH §2, §3.1).
public enum Classifier {
    public static func classify(_ intake: Intake) -> Classification {
        var reasons: [Rationale] = []
        let stage: Classification.Stage = intake.weeksWithPain < 4 ? .acute : (intake.weeksWithPain <= 12 ? .subacute : .chronic)
        reasons.append(
            Rationale(
                rule: "C-stage",
                explanation:
                    "Pain for \(intake.weeksWithPain) week\(intake.weeksWithPain == 1 ? "" : "s") counts as \(stage.rawValue) (under 4 weeks acute, 4 to 12 subacute, over 12 chronic).",
                source: "RESEARCH §2.1 [18]"
            )
        )
        let irritability: Classification.Irritability
        if intake.painNow >= 7 || intake.painWorstWeek >= 9 {
            irritability = .high
        } else if intake.painAverageWeek <= 3 && intake.painWorstWeek <= 5 {
            irritability = .low
        } else {
            irritability = .moderate
        }
        reasons.append(
            Rationale(
                rule: "C-irritability",
                explanation:
                    "Pain now \(intake.painNow), average \(intake.painAverageWeek) and worst \(intake.painWorstWeek) out of 10 mean the pain is \(irritability.rawValue == "high" ? "easily stirred up" : irritability.rawValue == "low" ? "settled" : "moderately easy to stir up"), which sets how hard the exercises start.",
                source: "RESEARCH §3.1 [42] (design synthesis)"
            )
        )
        let (pattern, patternReason) = pattern(for: intake)
        reasons.append(patternReason)
        return Classification(primaryRegion: intake.primaryRegion, stage: stage, irritability: irritability, pattern: pattern, rationale: reasons)
    }

    static func pattern(for intake: Intake) -> (PainPattern, Rationale) {
        guard intake.primaryRegion == .lumbar else {
            return (
                .region,
                Rationale(
                    rule: "C-pattern-region",
                    explanation: "Your main pain is in your \(intake.primaryRegion.label.lowercased()), so the program is built for that area.",
                    source: "RESEARCH §5.2–§5.7"
                )
            )
        }
        let worse = Set(intake.worseWith)
        let better = Set(intake.betterWith)
        if (worse.contains(.walking) || worse.contains(.standing)) && (better.contains(.sitting) || better.contains(.bendingForward))
            && !better.contains(.bendingBackward)
        {
            return (
                .flexionRelievedWalking,
                Rationale(
                    rule: "C-pattern-flexion-relieved",
                    explanation:
                        "Walking or standing makes your back worse and sitting or bending forward eases it: bending-forward exercises and breaks suit you best.",
                    source: "RESEARCH §2.3 [29][34]"
                )
            )
        }
        if better.contains(.bendingBackward) && !worse.contains(.bendingBackward) {
            return (
                .extensionPreference,
                Rationale(
                    rule: "C-pattern-extension",
                    explanation:
                        "Bending backward eases your pain, so the program leans on gentle backward-bending movements and avoids long forward bending.",
                    source: "RESEARCH §2.2 [26][28]"
                )
            )
        }
        if (worse.contains(.sitting) || worse.contains(.bendingForward)) && !better.contains(.bendingForward) {
            return (
                .flexionIntolerance,
                Rationale(
                    rule: "C-pattern-flexion-intolerance",
                    explanation: "Sitting or bending forward makes your back worse, so the program avoids forward-bending exercises.",
                    source: "RESEARCH §2.2 [28]"
                )
            )
        }
        return (
            .nonSpecific,
            Rationale(
                rule: "C-pattern-non-specific",
                explanation: "No single direction clearly eases or worsens your pain, so the program builds steady strength and control.",
                source: "RESEARCH §5.9 [21]"
            )
        )
    }
}

extension Intake {
    /// Yellow flags change how the program is delivered, never whether it starts (RESEARCH §2.5, §4).
    var yellowFlags: [YellowFlag] {
        var flags: [YellowFlag] = []
        if phq2Total >= 3 {
            flags.append(
                YellowFlag(
                    id: "Y-phq2",
                    message: "Your answers suggest your mood has been low lately. Your health coach will check in with you.",
                    rationale: Rationale(
                        rule: "Y-phq2",
                        explanation: "A PHQ-2 score of 3 or more suggests low mood worth following up; it does not stop your program.",
                        source: "RESEARCH §4 [64]"
                    )
                )
            )
        }
        if gad2Total >= 3 {
            flags.append(
                YellowFlag(
                    id: "Y-gad2",
                    message: "Your answers suggest you have been feeling anxious. Your health coach will check in with you.",
                    rationale: Rationale(
                        rule: "Y-gad2",
                        explanation: "A GAD-2 score of 3 or more suggests anxiety worth following up; it does not stop your program.",
                        source: "RESEARCH §4 [64][65]"
                    )
                )
            )
        }
        if let total = phq9Total, total >= 10 {
            flags.append(
                YellowFlag(
                    id: "Y-phq9",
                    message:
                        "Your answers suggest your mood has been low enough to talk about with your doctor. Your health coach will check in with you soon.",
                    rationale: Rationale(
                        rule: "Y-phq9",
                        explanation:
                            "A PHQ-9 score of 10 or more suggests moderate or worse depression, worth a doctor's review; it does not stop your program.",
                        source: "SOURCES [S16]"
                    )
                )
            )
        }
        if fearOfMovement >= 7 {
            flags.append(
                YellowFlag(
                    id: "Y-fear",
                    message:
                        "You worry that moving could harm you. We'll start by explaining why gentle movement is safe, and build up step by step.",
                    rationale: Rationale(
                        rule: "Y-fear",
                        explanation: "Strong worry about movement is best met with education first and planned, gradual increases.",
                        source: "RESEARCH §2.5 [38][41] (design synthesis)"
                    )
                )
            )
        }
        return flags
    }
}
