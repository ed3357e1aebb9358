/// From one intake to one decision: triage first (danger signs win), then classification, then
/// the program. Pure and deterministic: same intake, same catalog, same decision.
public struct ProgramEngine: Sendable {
    public let catalog: ExerciseCatalog
    /// Article titles by slug, for the reading list.
    public let articleTitles: [String: String]

    public init(catalog: ExerciseCatalog, articles: [Article]) {
        self.catalog = catalog
        self.articleTitles = Dictionary(articles.map { ($0.slug, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    public func decide(_ intake: Intake) -> Decision {
        let triage = TriageRules.evaluate(intake)
        let yellow = intake.yellowFlags
        let flagIDs = Set(yellow.map(\.id))
        let delivery = Decision.Delivery(
            educationFirst: flagIDs.contains("Y-fear"),
            gradedActivity: flagIDs.contains("Y-fear"),
            coachOutreach: flagIDs.contains("Y-phq2") || flagIDs.contains("Y-gad2")
        )
        let selfHarm: Bool? = intake.reportsSelfHarmThoughts ? true : nil
        let classification = Classifier.classify(intake)
        // An emergency stops everything: no program is offered at all.
        guard triage.tier != .emergency else {
            return Decision(
                triage: triage,
                yellowFlags: yellow,
                delivery: delivery,
                classification: classification,
                plan: nil,
                selfHarmRisk: selfHarm
            )
        }
        let (items, limitReasons) = ProgramBuilder.build(intake, classification, catalog: catalog)
        let warmUp = items.first { $0.phase == .warmUp }?.exerciseId
        var cautions = triage.flags.map { ProgramPlan.Caution(message: $0.message, rationale: $0.rationale) }
        cautions += limitReasons.map { ProgramPlan.Caution(message: $0.explanation, rationale: $0) }
        if let heatCaution = DailyHabits.heatCaution(intake) { cautions.append(heatCaution) }
        let plan = ProgramPlan(
            exercises: items,
            walking: WalkingPlanner.plan(intake, classification, warmUp: warmUp),
            heat: DailyHabits.heat(intake),
            movementSnacks: DailyHabits.snacks(intake, plan: items, catalog: catalog),
            education: EducationPath.build(intake, classification, triage: triage, yellowFlags: yellow, articles: articleTitles),
            cautions: cautions
        )
        return Decision(triage: triage, yellowFlags: yellow, delivery: delivery, classification: classification, plan: plan, selfHarmRisk: selfHarm)
    }
}
