/// An ordered reading list matched to the member's answers (docs/intake.md, "Education").
public enum EducationPath {
    public static func build(
        _ intake: Intake,
        _ classification: Classification,
        triage: TriageResult,
        yellowFlags: [YellowFlag],
        articles: [String: String]
    ) -> [ProgramPlan.Reading] {
        var picks: [(String, Rationale)] = []
        var weeks: [String: Int] = [:]
        func add(_ slug: String, _ rule: String, _ explanation: String, _ source: String, week: Int = 1) {
            guard articles[slug] != nil, !picks.contains(where: { $0.0 == slug }) else { return }
            picks.append((slug, Rationale(rule: rule, explanation: explanation, source: source)))
            if week > 1 { weeks[slug] = week }
        }
        let flagIDs = Set(yellowFlags.map(\.id))
        if flagIDs.contains("Y-fear") {
            add("hurt-versus-harm", "E-fear", "First, why pain does not always mean harm: it makes moving again easier.", "RESEARCH §2.5 [38][41]")
            add(
                "pacing-and-graded-activity",
                "E-fear",
                "How to build up step by step, by plan rather than by how the day feels.",
                "RESEARCH §3.2 [40][41]"
            )
        }
        if flagIDs.contains("Y-phq2") || flagIDs.contains("Y-gad2") {
            add(
                "stress-and-pain",
                "E-mood",
                "Stress and low mood change how pain feels; this explains how, and what helps.",
                "RESEARCH §4 [64]; PRODUCT brief"
            )
        }
        let walkingHurts = intake.worseWith.contains(.walking)
        if classification.primaryRegion == .lumbar {
            if walkingHurts {
                add(
                    "back-pain-when-walking",
                    "E-walking",
                    "Why walking can bring on back pain, and why it is rarely a reason to stop.",
                    "PRODUCT brief"
                )
                add("easing-back-pain-on-a-walk", "E-walking", "Warm-ups, forward-bend breaks and heat that make walks easier.", "PRODUCT brief")
            }
            switch classification.pattern {
            case .flexionRelievedWalking where intake.age >= 50:
                add(
                    "spinal-stenosis",
                    "E-pattern",
                    "Your pattern (worse walking, better sitting or bending forward) is common when the spinal canal narrows with age; this explains it.",
                    "RESEARCH §2.3 [29]; §2.2 [28] (age over 50)"
                )
            case .flexionRelievedWalking:
                // Under 50 the stenosis label rarely fits and can frighten (REVIEW-2026-12 A-8).
                add(
                    "how-exercise-helps-back-pain",
                    "E-pattern",
                    "Bending forward eases your back; this explains how exercise and movement help back pain like yours.",
                    "RESEARCH §2.1 [18][21]; §2.2 [28]"
                )
            case .extensionPreference, .flexionIntolerance:
                add(
                    "disc-problems",
                    "E-pattern",
                    "Pain with a clear direction often involves a disc; this explains what that means.",
                    "RESEARCH §2.2 [26]"
                )
            default:
                add("how-exercise-helps-back-pain", "E-pattern", "How exercise helps back pain without a single cause.", "RESEARCH §2.1 [18][21]")
            }
            if intake.legSymptoms != .none { add("sciatica", "E-leg", "About leg pain that comes from the back.", "RESEARCH §1.3 T3 [1]") }
            add("building-a-walking-habit", "E-walking-habit", "How your walking plan grows week by week.", "RESEARCH §3.4 [46]", week: 2)
        } else {
            let slug: String? =
                switch classification.primaryRegion {
                case .cervical: "neck-pain"
                case .shoulder: "shoulder-pain"
                case .hip: "hip-pain"
                case .knee: "knee-pain"
                case .ankleFoot: "ankle-pain"
                case .thoracic: "sitting-well"
                default: nil
                }
            if let slug {
                add(slug, "E-region", "A starting guide to pain in your \(classification.primaryRegion.label.lowercased()).", "RESEARCH §5.2–§5.7")
            }
            add("building-a-walking-habit", "E-walking-habit", "How your walking plan grows week by week.", "RESEARCH §3.4 [46]", week: 2)
        }
        if intake.age >= 50 && classification.stage == .chronic {
            add("osteoarthritis", "E-age", "Joint and spine changes are common with age; exercise is a core treatment.", "PRODUCT brief", week: 3)
        }
        if intake.sittingHoursPerDay >= 4 {
            add("movement-snacks", "E-sitting", "Why short breaks from sitting help, and how to fit them in.", "PRODUCT brief", week: 2)
            add("sitting-well", "E-sitting", "Setting up your chair and changing position often.", "PRODUCT brief", week: 3)
        }
        add("flare-up-plan", "E-general", "What to do if your pain flares up, so a bad day does not derail you.", "RESEARCH §3.1 [42]")
        if intake.painAverageWeek >= 4 {
            add(
                "pain-relievers-you-can-buy",
                "E-medication",
                "What over-the-counter pain relievers can and cannot do, and who should ask a pharmacist first.",
                "PRODUCT brief"
            )
        }
        add("heat-or-cold", "E-general", "When heat helps and when cold helps.", "PRODUCT brief")
        // The brief's advice for everyone, spread over the first weeks so the list is not all at once.
        let moodFlagged = flagIDs.contains("Y-phq2") || flagIDs.contains("Y-gad2")
        add("staying-active", "E-brief", "Why staying active protects your back and joints over the years.", "PRODUCT brief", week: 2)
        add(
            "stress-and-pain",
            "E-brief",
            "Stress changes how pain feels; a few ways to keep it in check.",
            "PRODUCT brief",
            week: moodFlagged ? 1 : 2
        )
        add("eating-for-activity", "E-brief", "Eating well gives you the energy and strength to keep exercising.", "PRODUCT brief", week: 3)
        add("sleep-and-pain", "E-brief", "Sleep and pain affect each other; small changes that help both.", "PRODUCT brief; SOURCES [S17]", week: 3)
        if !triage.flags.isEmpty {
            add(
                "when-to-get-urgent-help",
                "E-safety",
                "The signs that need urgent care, since some of your answers need a clinician's look.",
                "RESEARCH §1.3"
            )
        }
        return picks.map { ProgramPlan.Reading(slug: $0.0, title: articles[$0.0] ?? $0.0, rationale: $0.1, fromWeek: weeks[$0.0]) }
    }
}
