import Foundation
import SuppleContent
import SuppleCore
import Testing

/// For every limit profile, start from each exercise the engine may give that member and let the
/// real progression engine walk the catalog's easier/harder links as far as they go: every
/// exercise it ever proposes must be within the profile's limits (REVIEW-2026-12 ENG-P1).
@Suite struct SwapLimitsPropertyTests {
    static let library = try! ContentLibrary.bundled()
    static let catalog = library.exercises
    static let engine = ProgressionEngine(catalog: catalog)
    static let day = CalendarDate(iso8601: "2026-12-01")!

    static func profile(_ fields: [String: Any]) -> MemberLimits {
        var document: [String: Any] = [
            "age": 50, "painRegions": ["lumbar"], "weeksWithPain": 20, "painNow": 3, "painAverageWeek": 3, "painWorstWeek": 5,
            "peg": ["enjoymentInterference": 3, "activityInterference": 3], "phq2": [0, 0], "gad2": [0, 0], "fearOfMovement": 2,
            // Full kit, so equipment limits only bite where a profile takes it away.
            "equipment": Equipment.allCases.filter { $0 != .noEquipment }.map(\.rawValue),
        ]
        document.merge(fields) { _, new in new }
        let intake = try! IntakeParser.parse(try! JSONSerialization.data(withJSONObject: document))
        return MemberLimits.limits(for: intake, Classifier.classify(intake)).0
    }

    static let profiles: [(String, MemberLimits)] = [
        ("no floor", profile(["canGetToFloor": false])),
        ("no equipment", profile(["equipment": []])),
        ("level 1 only", profile(["painNow": 8, "painAverageWeek": 7, "painWorstWeek": 9, "weeksWithPain": 1])),
        ("age 80 (level 2 cap)", profile(["age": 80])),
        ("flexion-intolerant", profile(["worseWith": ["sitting", "bendingForward"]])),
        ("extension-intolerant (flexion-relieved)", profile(["worseWith": ["walking", "standing"], "betterWith": ["sitting", "bendingForward"]])),
        ("osteoporosis", profile(["history": ["osteoporosisOrSteroids": true]])),
        ("posterior hip replacement", profile(["surgery": ["hipReplacement": true, "hipReplacementWeeksAgo": 30, "hipApproach": "posterior"]])),
        ("anterior hip replacement", profile(["surgery": ["hipReplacement": true, "hipReplacementWeeksAgo": 30, "hipApproach": "anterior"]])),
        ("knee replacement", profile(["surgery": ["kneeReplacement": true, "kneeReplacementWeeksAgo": 30]])),
        ("spine surgery", profile(["surgery": ["spineSurgery": true, "spineSurgeryWeeksAgo": 30, "spineSurgeryKind": "fusion"]])),
        ("pregnant, 24 weeks", profile(["age": 30, "pregnancy": "pregnant", "weeksPregnant": 24])),
        ("pregnant, 8 weeks", profile(["age": 30, "pregnancy": "pregnant", "weeksPregnant": 8])),
        ("after birth", profile(["age": 30, "pregnancy": "postpartum"])),
    ]

    /// One exercise at its fullest dose, so good sessions can only move it to a harder version.
    static func topDose(_ exercise: Exercise) -> ProgramPlan.Item {
        let d = exercise.dose
        let dose = Dose(
            sets: 3,
            reps: d.reps.map { _ in ProgressionEngine.maxReps },
            holdSeconds: d.holdSeconds.map { _ in ProgressionEngine.maxHoldSeconds },
            minutes: d.minutes,
            perSide: d.perSide
        )
        let why = Rationale(rule: "test", explanation: "test", source: "test")
        return ProgramPlan.Item(
            exerciseId: exercise.id,
            name: exercise.name,
            phase: .strength,
            dose: dose,
            doseText: dose.description,
            rationale: why,
            doseRationale: why
        )
    }

    static let basePlan = ClinicalReviewCasesTests.engine.decide(try! ClinicalReviewCasesTests.intake([:])).plan!

    static func plan(_ item: ProgramPlan.Item) -> ProgramPlan {
        var plan = basePlan
        plan.exercises = [item]
        return plan
    }

    /// What the engine proposes after two good sessions (harder) and after one bad one (easier).
    static func proposals(from exercise: Exercise, limits: MemberLimits) -> [String] {
        let item = topDose(exercise)
        let good = SessionHistory(sessions: [
            .init(date: day, items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)], nextMorning: .better),
            .init(date: day.adding(days: 2), items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)], nextMorning: .better),
        ])
        let bad = SessionHistory(sessions: [
            .init(date: day, items: [.init(exerciseId: exercise.id, pain: 8, difficulty: .tooHard)], nextMorning: .worse)
        ])
        return [good, bad].compactMap { history in
            let decisions = engine.decide(plan: plan(item), history: history, limits: limits)
            return PlanAdapter.apply(decisions, to: plan(item), catalog: catalog, on: day.adding(days: 3)).exercises.first?.proposal?.exerciseId
        }
    }

    @Test("no chain of engine swaps leaves any profile's limits, though many catalog links would")
    func swapsStayWithinLimits() {
        var linksChecked = 0
        var linksCrossing = 0
        var proposalsMade = 0
        var crossingSomewhere = Set<String>()
        for (name, limits) in Self.profiles {
            var seen = Set<String>()
            var queue = Self.catalog.all.filter { ProgramBuilder.admitsAnywhere($0, limits: limits) }.map(\.id)
            #expect(!queue.isEmpty, "\(name): nothing admitted at all")
            while let id = queue.popLast() {
                guard seen.insert(id).inserted, let exercise = Self.catalog[id] else { continue }
                for target in exercise.progressions + exercise.regressions {
                    linksChecked += 1
                    if let other = Self.catalog[target], limits.violation(other) != nil || MemberLimits.isClinicianOnly(other) {
                        linksCrossing += 1
                        crossingSomewhere.insert("\(id)→\(target)")
                    }
                }
                for proposed in Self.proposals(from: exercise, limits: limits) {
                    proposalsMade += 1
                    let target = Self.catalog[proposed]!
                    #expect(limits.violation(target) == nil, "\(name): \(id) → \(proposed) crosses \(limits.violation(target)!.rule)")
                    #expect(!MemberLimits.isClinicianOnly(target) && target.kind != .aerobic, "\(name): \(id) → \(proposed)")
                    queue.append(proposed)
                }
            }
        }
        let allLinks = Self.catalog.all.reduce(0) { $0 + $1.progressions.count + $1.regressions.count }
        print(
            "Swap limits: \(Self.profiles.count) profiles, \(linksChecked) links checked, \(linksCrossing) would cross the profile's limits unfiltered "
                + "(\(crossingSomewhere.count) of the catalog's \(allLinks) links cross at least one profile), \(proposalsMade) proposals made, 0 crossing"
        )
        // The filter has real work to do: without it these links would be proposed.
        #expect(linksCrossing > 0)
        #expect(proposalsMade > 0)
    }

    @Test("without the member's limits the engine proposes no swap at all, only dose changes")
    func noLimitsNoSwap() throws {
        let exercise = try #require(Self.catalog["standing-childs-pose"])
        let item = Self.topDose(exercise)
        let history = SessionHistory(sessions: [
            .init(date: Self.day, items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)]),
            .init(date: Self.day.adding(days: 1), items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)]),
        ])
        let decisions = Self.engine.decide(plan: Self.plan(item), history: history, limits: nil)
        #expect(decisions.items.allSatisfy { $0.swapTo == nil })
    }

    @Test("a swap the physical therapist turned down is not proposed again")
    func declinedStaysDeclined() throws {
        let limits = Self.profile([:])
        let exercise = try #require(Self.catalog.all.first { ex in !Self.proposals(from: ex, limits: limits).isEmpty && ex.progressions.count == 1 })
        let first = try #require(Self.proposals(from: exercise, limits: limits).first)
        var item = Self.topDose(exercise)
        item.declinedSwap = exercise.progressions.first
        let history = SessionHistory(sessions: [
            .init(date: Self.day, items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)]),
            .init(date: Self.day.adding(days: 1), items: [.init(exerciseId: exercise.id, pain: 1, difficulty: .tooEasy)]),
        ])
        let decisions = Self.engine.decide(plan: Self.plan(item), history: history, limits: limits)
        #expect(decisions.items.first?.swapTo != exercise.progressions.first, "\(exercise.id) → \(first) proposed again")
    }
}
