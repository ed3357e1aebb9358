import Foundation
import SuppleContent
import SuppleCore
import Testing

/// The engine's limits applied to a clinician's edit: each crossing is named with its rule and
/// source; nothing is blocked, and an edit inside the limits raises nothing.
@Suite struct PlanGuardrailsTests {
    static let library = ProgressionReplayTests.library
    static let catalog = library.exercises

    /// The founding case: walking-provoked low back pain, flexion relieved, level 2 at most.
    static func founding() throws -> (Intake, Decision) {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("vignettes")
        let file = try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains("founding") }!
        guard case .object(let vignette)? = JSONValue.parse(try Data(contentsOf: folder.appendingPathComponent(file))),
            let document = vignette["intake"]
        else { throw CocoaError(.fileReadCorruptFile) }
        var intake = try IntakeParser.parse(document)
        intake.canGetToFloor = false
        return (intake, ProgramEngine(catalog: catalog, articles: library.articles).decide(intake))
    }

    func edited(_ edit: PlanEdit) throws -> (ProgramPlan, ProgramPlan, [PlanGuardrails.Warning]) {
        let (intake, decision) = try Self.founding()
        let plan = try #require(decision.plan)
        let next = try PlanEditor.apply(edit, to: plan, catalog: Self.catalog, on: CalendarDate(iso8601: "2026-12-01")!, clinician: "Pat Lee")
        return (
            plan, next,
            PlanGuardrails.check(edited: next, original: plan, intake: intake, classification: decision.classification, catalog: Self.catalog)
        )
    }

    @Test("an extension exercise done lying face down warns twice: the pattern leaves it out, and the member cannot get to the floor")
    func extensionOnTheFloor() throws {
        var edit = PlanEdit()
        edit.add = ["prone-press-up"]
        let (_, next, warnings) = try edited(edit)
        #expect(next.exercises.contains { $0.exerciseId == "prone-press-up" && $0.phase == .mobility && $0.rationale.rule == "CT-clinician" })
        #expect(Set(warnings.map(\.rule)).isSuperset(of: ["P-bias-flexion-relieved", "P-floor"]))
        #expect(warnings.allSatisfy { !$0.source.isEmpty })
    }

    @Test("a swap for a standing flexion exercise at level 1 stays inside the limits")
    func quietSwap() throws {
        let (intake, decision) = try Self.founding()
        let plan = try #require(decision.plan)
        let first = try #require(plan.exercises.first { $0.phase == .mobility })
        var edit = PlanEdit()
        edit.swap = [first.exerciseId: "seated-forward-flexion"]
        let next = try PlanEditor.apply(edit, to: plan, catalog: Self.catalog, on: CalendarDate(iso8601: "2026-12-01")!, clinician: "Pat Lee")
        #expect(
            next.exercises.firstIndex { $0.exerciseId == "seated-forward-flexion" } == plan.exercises.firstIndex { $0.exerciseId == first.exerciseId }
        )
        #expect(
            PlanGuardrails.check(edited: next, original: plan, intake: intake, classification: decision.classification, catalog: Self.catalog).isEmpty
        )
    }

    @Test("a walk that grows more than 10% at once and a session cut to three exercises are both flagged")
    func walkingAndCount() throws {
        let (_, decision) = try Self.founding()
        let plan = try #require(decision.plan)
        var edit = PlanEdit()
        edit.walkingMinutes = plan.walking.startMinutes * 2
        edit.remove = Set(plan.exercises.dropFirst(3).map(\.exerciseId))
        let (_, next, warnings) = try edited(edit)
        #expect(next.exercises.count == 3)
        #expect(next.walking.weeklyMinutes.first == plan.walking.startMinutes * 2)
        #expect(Set(warnings.map(\.rule)) == ["W-progress", "P-count"])
    }

    @Test("a new dose keeps the exercise and its reason, and changes only the dose")
    func dose() throws {
        let (_, decision) = try Self.founding()
        let plan = try #require(decision.plan)
        let item = try #require(plan.exercises.first)
        var edit = PlanEdit()
        edit.doses = [
            item.exerciseId: Dose(
                sets: item.dose.sets + 1,
                reps: item.dose.reps,
                holdSeconds: item.dose.holdSeconds,
                minutes: item.dose.minutes,
                perSide: item.dose.perSide
            )
        ]
        let (_, next, warnings) = try edited(edit)
        let changed = try #require(next.exercises.first { $0.exerciseId == item.exerciseId })
        #expect(changed.dose.sets == item.dose.sets + 1)
        #expect(changed.rationale == item.rationale)
        #expect(changed.doseRationale.rule == "CT-clinician-dose")
        #expect(warnings.isEmpty)
    }
}
