/// The danger-sign rules of RESEARCH §1.3, one row each (the table in docs/intake.md).
/// Danger signs always win: the highest tier found decides whether a program may start.
public enum TriageRules {
    /// Every rule's id, in the order they are checked (docs/intake.md lists each).
    public static var ruleIDs: [String] { rules.map(\.id) }

    struct Rule: Sendable {
        let id: String
        let tier: TriageTier
        let contactWithin: String
        let message: String
        let explanation: String
        let source: String
        let applies: @Sendable (Intake) -> Bool
    }

    static let now = "now"
    static let today = "today"
    static let day = "24 hours"
    static let twoWeeks = "2 weeks"
    static let nextVisit = "at your next appointment"

    static let rules: [Rule] = [
        Rule(
            id: "T1-bladder",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about new changes in passing urine.",
            explanation:
                "New bladder changes with back pain can mean pressure on the nerves at the base of the spine (cauda equina syndrome), which needs treatment within hours.",
            source: "RESEARCH §1.3 Tier 1 [5][6][8]"
        ) { $0.dangerSigns.bladderChange },
        Rule(
            id: "T1-bowel",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about new changes in bowel control.",
            explanation: "New loss of bowel control or feeling with back pain is a sign of cauda equina syndrome.",
            source: "RESEARCH §1.3 Tier 1 [5][8]"
        ) { $0.dangerSigns.bowelChange },
        Rule(
            id: "T1-saddle",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about new numbness around your genitals, bottom or inner thighs.",
            explanation: "New numbness in the saddle area is a warning sign of cauda equina syndrome.",
            source: "RESEARCH §1.3 Tier 1 [5][8]"
        ) { $0.dangerSigns.saddleNumbness },
        Rule(
            id: "T1-sexual",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about new problems with sexual function since the pain began.",
            explanation: "New sexual dysfunction with back or leg pain can be a sign of cauda equina syndrome.",
            source: "RESEARCH §1.3 Tier 1 [5][8]"
        ) { $0.dangerSigns.sexualProblems },
        Rule(
            id: "T1-both-legs",
            tier: .emergency,
            contactWithin: now,
            message: "You told us pain, numbness or tingling in both legs is new, spreading or getting worse.",
            explanation:
                "Leg symptoms in both legs that are new (in about the last two weeks), spreading, or getting worse, or sciatica that has spread from one leg to both, need same-day emergency assessment for pressure on the nerves at the base of the spine.",
            source: "RESEARCH §1.3 Tier 1 [5][9][10]"
        ) { $0.bothLegsNewOrWorse },
        Rule(
            id: "T1-weakness",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about weakness that is getting worse.",
            explanation: "Rapidly worsening leg weakness, new trouble walking, or weakness in arms and legs together needs emergency assessment.",
            source: "RESEARCH §1.3 Tier 1 [5][9][12][13]"
        ) { $0.dangerSigns.worseningLegWeakness || $0.dangerSigns.weaknessArmsAndLegs },
        Rule(
            id: "T1-cancer-neuro",
            tier: .emergency,
            contactWithin: now,
            message: "You have had cancer, and you told us about back or neck pain with nerve symptoms such as leg pain, numbness or weakness.",
            explanation: "In someone who has had cancer, new spinal pain with any nerve symptom is treated as an emergency until checked.",
            source: "RESEARCH §1.3 Tier 1 [3]"
        ) { $0.history.cancer && $0.hasNerveSymptoms && $0.hasSpinalPain },
        Rule(
            id: "T1-infection",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about fever or feeling very unwell with severe back pain.",
            explanation: "Fever with severe, constant back pain can mean a spinal infection, which needs same-day assessment.",
            source: "RESEARCH §1.3 Tier 1 [12][13]"
        ) { $0.dangerSigns.feverWithSeverePain },
        Rule(
            id: "T1-vascular",
            tier: .emergency,
            contactWithin: now,
            message: "You told us about sudden, severe pain with feeling faint.",
            explanation:
                "Sudden severe back or belly pain with faintness can come from a blood vessel problem (aortic aneurysm) and is an emergency.",
            source: "RESEARCH §1.3 Tier 1 [23]"
        ) { $0.dangerSigns.suddenSeverePainWithFaintness },
        Rule(
            id: "T1-trauma",
            tier: .emergency,
            contactWithin: now,
            message: "Your pain started after a serious fall or accident.",
            explanation: "Back pain after major trauma needs checking for a fracture before any exercise.",
            source: "RESEARCH §1.3 Tier 1 [14]"
        ) { $0.dangerSigns.majorTrauma },
        Rule(
            id: "T1-aneurysm",
            tier: .emergency,
            contactWithin: now,
            message: "You have been told you have an aortic aneurysm, and your back pain is new or getting worse.",
            explanation:
                "New or worsening back or belly pain in someone with a known aortic aneurysm can mean it is leaking or growing, which is an emergency.",
            source: "RESEARCH §1.3 Tier 1 [23]"
        ) { intake in
            intake.history.knownAneurysm && intake.hasBackPain && (intake.weeksWithPain < 4 || intake.gettingWorse)
        },
        Rule(
            id: "T1-neck-artery",
            tier: .emergency,
            contactWithin: now,
            message:
                "You told us about dizziness, double vision, trouble speaking or swallowing, sudden falls, a numb face or a sudden severe headache with your neck pain.",
            explanation:
                "These signs with neck pain can come from a neck artery or the brain rather than the muscles and joints, and need emergency assessment.",
            source: "SOURCES [S9]"
        ) { $0.painRegions.contains(.cervical) && $0.dangerSigns.neckArterySigns },
        Rule(
            id: "T1-shoulder-heart",
            tier: .emergency,
            contactWithin: now,
            message: "You told us your shoulder or arm pain comes with chest pain, breathlessness or sweating, or with effort.",
            explanation: "Shoulder or arm pain with chest symptoms, or brought on by effort, can come from the heart and needs emergency care.",
            source: "SOURCES [S14]"
        ) { $0.painRegions.contains(.shoulder) && $0.dangerSigns.shoulderHeartSigns },

        Rule(
            id: "T2-cancer",
            tier: .urgent,
            contactWithin: day,
            message: "You have had cancer and have new back or neck pain.",
            explanation: "A past cancer is the strongest single warning sign for serious spinal problems; the stricter 24-hour rule applies.",
            source: "RESEARCH §1.3 Tier 2 [3][12]"
        ) { $0.history.cancer && $0.hasSpinalPain && !($0.hasNerveSymptoms) },
        Rule(
            id: "T2-fracture-age",
            tier: .urgent,
            contactWithin: day,
            message: "You are 65 or over and your pain started after a minor fall, knock or lift.",
            explanation:
                "With age, bones can break after a small fall or a lift even when thin bones are not known; a doctor should check within a day or two before exercise starts.",
            source: "RESEARCH §1.2 fracture [14][16]; REVIEW-2026-12 ENG-4"
        ) { $0.age >= 65 && $0.history.recentMinorTrauma },
        Rule(
            id: "T2-recent-surgery",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You had an operation on your hip, knee or spine in the last 12 weeks.",
            explanation:
                "In the first weeks after an operation, what is safe depends on the surgeon's instructions; a clinician on your care team checks them before the program starts.",
            source: "SOURCES [S4][S5]"
        ) { ($0.surgery.weeksSinceLatest ?? 999) < 12 },
        Rule(
            id: "T2-pregnancy-signs",
            tier: .urgent,
            contactWithin: today,
            message:
                "You are pregnant and told us about bleeding, leaking fluid, regular tightenings, a bad headache or blurred sight, or a swollen, sore calf.",
            explanation: "These signs in pregnancy need your midwife, obstetrician or maternity unit today, before any exercise.",
            source: "SOURCES [S3]"
        ) { $0.pregnancy == .pregnant && $0.dangerSigns.pregnancyWarningSigns },
        Rule(
            id: "T2-neck-cord",
            tier: .urgent,
            contactWithin: day,
            message: "You told us your hands have become clumsy or your walking unsteady.",
            explanation:
                "Clumsy hands or unsteady walking with neck pain can mean pressure on the spinal cord in the neck, which a doctor should examine soon.",
            source: "SOURCES [S10]"
        ) { $0.painRegions.contains(.cervical) && $0.dangerSigns.neckCordSigns },
        Rule(
            id: "T2-hot-joint",
            tier: .urgent,
            contactWithin: today,
            message: "You told us your hip or knee is hot and swollen and you feel feverish or unwell.",
            explanation: "A hot, swollen joint with fever can be an infection in the joint, which needs a doctor the same day.",
            source: "SOURCES [S11]"
        ) { !$0.painRegions.filter { [.hip, .knee].contains($0) }.isEmpty && $0.dangerSigns.hotSwollenJoint },
        Rule(
            id: "T2-cannot-bear-weight",
            tier: .urgent,
            contactWithin: today,
            message: "You told us you cannot put weight on your leg since an injury.",
            explanation: "Being unable to take weight after an injury can mean a broken bone, which should be checked the same day.",
            source: "SOURCES [S13]"
        ) { !$0.painRegions.filter { [.hip, .knee, .ankleFoot].contains($0) }.isEmpty && $0.dangerSigns.cannotBearWeight },
        Rule(
            id: "T2-calf-clot",
            tier: .urgent,
            contactWithin: today,
            message: "You told us your calf is swollen, warm or tender.",
            explanation:
                "A swollen, warm, tender calf, more so after travel, surgery or bed rest, can be a blood clot and needs a doctor the same day.",
            source: "SOURCES [S12]"
        ) { !$0.painRegions.filter { [.hip, .knee, .ankleFoot].contains($0) }.isEmpty && $0.dangerSigns.calfSwelling },
        Rule(
            id: "T2-heel-snap",
            tier: .urgent,
            contactWithin: today,
            message: "You told us you felt a sudden snap or kick at the back of your heel.",
            explanation: "A sudden snap at the back of the heel can be a torn Achilles tendon, which is best seen the same day.",
            source: "SOURCES [S15]"
        ) { $0.painRegions.contains(.ankleFoot) && $0.dangerSigns.heelSnap },
        Rule(
            id: "T2-aneurysm-known",
            tier: .urgent,
            contactWithin: day,
            message: "You have been told you have an aortic aneurysm and have back pain.",
            explanation:
                "Back pain with a known aortic aneurysm should be checked by your doctor before exercise, even when it has been there a while.",
            source: "RESEARCH §1.3 Tier 1 [23] (long-standing pain: design synthesis)"
        ) { intake in
            intake.history.knownAneurysm && intake.hasBackPain && !(intake.weeksWithPain < 4 || intake.gettingWorse)
        },
        Rule(
            id: "T2-weight-loss",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You told us you have lost weight without trying.",
            explanation: "Unexplained weight loss with new pain should be checked by a doctor within two weeks.",
            source: "RESEARCH §1.3 Tier 2 [12]"
        ) { $0.history.unexplainedWeightLoss },
        Rule(
            id: "T2-first-episode-over-60",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "This is your first spinal pain and you are over 60.",
            explanation: "A first-ever episode of spinal pain after 60 is worth a doctor's check within two weeks.",
            source: "RESEARCH §1.3 Tier 2 [12]"
        ) { intake in
            intake.age > 60 && intake.firstEverEpisode && [.lumbar, .thoracic, .cervical].contains(intake.primaryRegion)
        },
        Rule(
            id: "T2-thoracic-constant",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You told us about constant upper-back or chest-band pain that movement does not change.",
            explanation: "Constant upper-back pain that does not change with movement is not typical of muscle or joint pain.",
            source: "RESEARCH §1.3 Tier 2 [12]"
        ) { $0.dangerSigns.constantUpperBackPain },
        Rule(
            id: "T2-one-leg-weakness",
            tier: .urgent,
            contactWithin: day,
            message: "You told us about weakness in one leg.",
            explanation: "Marked weakness in one leg should be examined by a clinician before exercise starts.",
            source: "RESEARCH §1.3 Tier 2 [12][13]"
        ) { $0.dangerSigns.oneLegWeakness },
        Rule(
            id: "T2-immunosuppression",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You told us your immune system may be weakened.",
            explanation: "A weakened immune system raises the chance of a spinal infection with new pain.",
            source: "RESEARCH §1.3 Tier 2 [12]"
        ) { $0.history.immunosuppression },
        Rule(
            id: "T2-fracture-risk",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You have thin bones or have taken steroids, and your pain started after a minor fall or is severe.",
            explanation: "With osteoporosis or long-term steroids, sudden severe pain or pain after a minor fall can be a fragility fracture.",
            source: "RESEARCH §1.3 Tier 2 [12][13][14]"
        ) { $0.history.osteoporosisOrSteroids && ($0.history.recentMinorTrauma || $0.painNow >= 7) },
        Rule(
            id: "T2-fever",
            tier: .urgent,
            contactWithin: day,
            message: "You told us about a recent fever or chills.",
            explanation: "Fever with new back pain is not routine: it should be checked for infection the same or next day.",
            source: "RESEARCH §1.2 infection [11][12] (design synthesis)"
        ) { $0.history.fever },
        Rule(
            id: "T2-night-pain",
            tier: .urgent,
            contactWithin: twoWeeks,
            message: "You told us about night pain that no position eases.",
            explanation: "Night pain unrelieved by any position is a warning sign that should be checked.",
            source: "RESEARCH §1.2 malignancy [11][14]"
        ) { $0.dangerSigns.nightPainNoRelief },

        Rule(
            id: "T3-both-legs-stable",
            tier: .routine,
            contactWithin: nextVisit,
            message: "Your pain goes into both legs, has been there a while and is not getting worse.",
            explanation:
                "Long-standing, steady aching in both legs on walking that eases when you sit or bend forward is the usual pattern of a narrowed spinal canal (neurogenic claudication): exercise continues, and a clinician reviews it at your next appointment.",
            source: "RESEARCH §2.3 [29][32]; §1.3 Tier 1 [5][9] (new or worsening only)"
        ) { $0.legSymptoms == .bothLegs && !$0.bothLegsNewOrWorse },
        Rule(
            id: "T3-cancer-history",
            tier: .routine,
            contactWithin: nextVisit,
            message: "You have had cancer; your pain is not in your back or neck.",
            explanation:
                "A past cancer matters most for new back or neck pain; for pain elsewhere, mention it to your doctor at your next appointment.",
            source: "RESEARCH §1.3 Tier 2 [3][12]; REVIEW-2026-12 ENG-3"
        ) { $0.history.cancer && !$0.hasSpinalPain },
        Rule(
            id: "T3-falls-risk",
            tier: .routine,
            contactWithin: nextVisit,
            message: "You have fallen in the past year, feel unsteady, or worry about falling.",
            explanation:
                "At 65 and over, any yes to the three falls questions means balance work is added and your care team reviews your falls risk.",
            source: "SOURCES [S6][S7]"
        ) { $0.age >= 65 && $0.history.fallsScreenPositive },
        Rule(
            id: "T3-inflammatory",
            tier: .routine,
            contactWithin: nextVisit,
            message: "Some of your answers fit inflammatory back pain.",
            explanation:
                "Back pain that began before 45, has lasted over three months and has inflammatory features should be reviewed for spondyloarthritis.",
            source: "RESEARCH §1.3 Tier 3 [4]"
        ) { intake in
            let features = [
                intake.dangerSigns.inflammatoryNightWaking, intake.dangerSigns.inflammatoryBetterWithMovement,
                intake.dangerSigns.inflammatoryButtockPain,
            ].filter { $0 }.count
            return intake.age < 45 && intake.weeksWithPain > 12 && features >= 2
        },
        Rule(
            id: "T3-not-improving",
            tier: .routine,
            contactWithin: nextVisit,
            message: "Your pain has lasted four weeks or more and is getting worse.",
            explanation: "Pain that is not improving after about a month of self-care should be reviewed by a clinician.",
            source: "RESEARCH §1.3 Tier 3 [11][14]"
        ) { $0.gettingWorse && $0.weeksWithPain >= 4 },
        Rule(
            id: "T3-vascular",
            tier: .routine,
            contactWithin: nextVisit,
            message: "Your leg pain on walking eases when you stand still, and you have a circulation risk.",
            explanation:
                "Leg pain that eases by standing still, with smoking or poor circulation, may come from the blood vessels rather than the back.",
            source: "RESEARCH §1.3 Tier 3 [34] (low-quality source)"
        ) { $0.dangerSigns.legPainEasesStandingStill && $0.dangerSigns.circulationRisk },
        Rule(
            id: "T3-radicular",
            tier: .routine,
            contactWithin: nextVisit,
            message: "Your pain goes below the knee on one side.",
            explanation:
                "One-sided leg pain below the knee with no other warning signs follows the usual sciatica path: exercise continues, with care.",
            source: "RESEARCH §1.3 Tier 3 [1]"
        ) { $0.legSymptoms == .belowKneeOneSide },
    ]

    /// Every rule that applies, and the tier and program status they add up to.
    public static func evaluate(_ intake: Intake) -> TriageResult {
        let flags = rules.filter { $0.applies(intake) }.map { rule in
            TriageFlag(
                id: rule.id,
                tier: rule.tier,
                message: rule.message,
                contactWithin: rule.contactWithin,
                rationale: Rationale(rule: rule.id, explanation: rule.explanation, source: rule.source)
            )
        }
        let tier = flags.map(\.tier).max() ?? .none
        let status: ProgramStatus =
            switch tier {
            case .emergency: .blocked
            case .urgent: .onHold
            case .routine: .activeWithCautions
            case .none: .active
            }
        let contact = flags.filter { $0.tier == tier }.map(\.contactWithin).min { urgency($0) < urgency($1) }
        return TriageResult(tier: tier, programStatus: status, contactWithin: contact, whatToDo: whatToDo(tier, contact), flags: flags)
    }

    static func urgency(_ contact: String) -> Int {
        [now, today, day, twoWeeks, nextVisit].firstIndex(of: contact) ?? 9
    }

    static func whatToDo(_ tier: TriageTier, _ contact: String?) -> String {
        switch tier {
        case .emergency:
            return EmergencySigns.whatToDo + " Do not start the exercises."
        case .urgent:
            if contact == today {
                return
                    "See a doctor today, or call your maternity unit if you are pregnant, and tell them what you told us. Your program will wait until a clinician on your care team has checked it."
            }
            return contact == day
                ? "Contact your doctor or a clinician within 24 hours and tell them what you told us. Your program will wait until a clinician on your care team has checked it."
                : "Book an appointment with your doctor within the next two weeks and tell them what you told us. Your program will wait until a clinician on your care team has checked it."
        case .routine:
            return "You can start your program. Mention what we flagged to your doctor or your physical therapist at your next appointment."
        case .none:
            return "Nothing in your answers needs a doctor first. You can start your program."
        }
    }
}

extension Intake {
    /// Both legs and new (in about the last two weeks), spreading or getting worse: the
    /// emergency form. Long-standing, steady symptoms in both legs are not (REVIEW-2026-12 ENG-1).
    public var bothLegsNewOrWorse: Bool {
        dangerSigns.bothLegsPain || (legSymptoms == .bothLegs && weeksWithPain < 2)
    }

    /// Pain in the lower or upper back, where an aortic aneurysm can be felt.
    var hasBackPain: Bool { painRegions.contains(.lumbar) || painRegions.contains(.thoracic) }
}
