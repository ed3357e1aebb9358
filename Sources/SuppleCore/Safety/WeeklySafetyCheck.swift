/// The danger signs asked again once a week while the program runs (RESEARCH §1.3 design note:
/// cauda equina, infection and cord compression can develop during a program; REVIEW-2026-12
/// ENG-8). The answers are judged by the same triage rules as the intake.
public enum WeeklySafetyCheck {
    public struct Question: Sendable {
        public let key: String
        public let label: String
    }

    /// The cauda equina questions, worsening weakness, and whether symptoms have spread. Every
    /// key but `symptomsSpread` is a danger sign of the intake (`Intake.DangerSigns`).
    public static let questions: [Question] = [
        Question(key: "bladderChange", label: "Since last week, any new trouble starting or stopping urine, or passing urine without feeling it?"),
        Question(key: "bowelChange", label: "Any new loss of control of your bowels, or not feeling when you pass a motion?"),
        Question(key: "saddleNumbness", label: "Any new numbness or pins and needles around your genitals, bottom or inner thighs?"),
        Question(key: "bothLegsPain", label: "Pain, numbness or tingling in both legs that is new, spreading or getting worse?"),
        Question(key: "worseningLegWeakness", label: "Weakness in a leg that is getting worse, a foot that drags, or new trouble walking?"),
        Question(key: "symptomsSpread", label: "Has pain, numbness or tingling spread further down your leg or arm since last week?"),
    ]

    public static let everyDays = 7
    public static let source = "RESEARCH §1.3 (re-screen during the program) [1][8]; REVIEW-2026-12 ENG-8"

    public struct Outcome: Sendable, Equatable {
        public let triage: TriageResult
        public let symptomsSpread: Bool
        public var yesCount: Int
    }

    /// Due once the plan has run a week, then a week after each answer.
    public static func isDue(planStart: CalendarDate, today: CalendarDate, lastAnswered: CalendarDate?) -> Bool {
        guard today.daysSince(planStart) >= everyDays else { return false }
        guard let lastAnswered else { return true }
        return today.daysSince(lastAnswered) >= everyDays
    }

    /// Today's answers over the member's intake (or a neutral one when there is none), judged by
    /// the triage rules: danger signs win over everything, as at intake.
    public static func evaluate(_ answers: [String: Bool], intake: Intake?) -> Outcome {
        var background = intake ?? .neutral
        // Only what is asked today counts: the intake's old yes answers were dealt with then.
        background.history.recentMinorTrauma = false
        // Leg symptoms and duration at intake were judged then; only today's answers decide.
        background.legSymptoms = .none
        background.weeksWithPain = max(background.weeksWithPain, 2)
        var signs = Intake.DangerSigns.keys.reduce(into: [String: Bool]()) { $0[$1] = false }
        for question in questions where question.key != "symptomsSpread" { signs[question.key] = answers[question.key] ?? false }
        background.dangerSigns = IntakeParser.decodeFlags(signs, as: Intake.DangerSigns.self) ?? .init()
        let triage = TriageRules.evaluate(background)
        // Keep only the danger signs asked today; standing background rules (age, history) were
        // judged at intake and are not news this week.
        let asked = Set(["T1-bladder", "T1-bowel", "T1-saddle", "T1-both-legs", "T1-weakness"])
        let flags = triage.flags.filter { asked.contains($0.id) }
        let tier = flags.map(\.tier).max() ?? .none
        let result = TriageResult(
            tier: tier,
            programStatus: tier == .emergency ? .blocked : .active,
            contactWithin: flags.first?.contactWithin,
            whatToDo: tier == .emergency ? triage.whatToDo : "Thank you. Nothing you told us needs urgent care; keep going with your plan.",
            flags: flags
        )
        return Outcome(
            triage: result,
            symptomsSpread: answers["symptomsSpread"] ?? false,
            yesCount: questions.filter { answers[$0.key] == true }.count
        )
    }
}
