import Foundation
import SuppleContent
import SuppleCore
import Testing

/// Four-week histories replayed day by day through the progression engine, applying each day's
/// decisions to the plan as the product does.
@Suite struct ProgressionReplayTests {
    static let library = try! ContentLibrary.bundled()
    static let engine = ProgressionEngine(catalog: library.exercises)
    static let foundingIntake: Intake = {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("vignettes")
        let file = try! FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains("founding") }!
        guard case .object(let vignette)? = JSONValue.parse(try! Data(contentsOf: folder.appendingPathComponent(file))),
            let intake = vignette["intake"]
        else { fatalError() }
        return try! IntakeParser.parse(intake)
    }()
    static let limits = MemberLimits.limits(for: foundingIntake, Classifier.classify(foundingIntake)).0
    static let start = CalendarDate(iso8601: "2026-12-01")!

    /// The founding case's plan (low back pain on walking).
    static func foundingPlan() throws -> ProgramPlan {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("vignettes")
        let file = try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains("founding") }!
        guard case .object(let vignette)? = JSONValue.parse(try Data(contentsOf: folder.appendingPathComponent(file))),
            let intake = vignette["intake"]
        else { throw CocoaError(.fileReadCorruptFile) }
        let decision = ProgramEngine(catalog: library.exercises, articles: library.articles).decide(try IntakeParser.parse(intake))
        return try #require(decision.plan)
    }

    struct Day {
        var session: [String: (pain: Int, difficulty: SessionHistory.Difficulty, spread: Bool)]?
        var nextMorning: SessionHistory.NextMorning = .same
        var walkPain: Int?
    }

    /// Replays 28 days; `scenario` says what happened on each day for the current plan.
    static func replay(_ scenario: (Int, ProgramPlan) -> Day) throws -> (plans: [ProgramPlan], decisions: [ProgressionEngine.Decisions]) {
        var plan = try foundingPlan()
        var history = SessionHistory()
        var plans = [plan]
        var decisions: [ProgressionEngine.Decisions] = []
        for day in 0..<28 {
            let date = start.adding(days: day)
            let today = scenario(day, plan)
            if let session = today.session {
                let items = plan.exercises.compactMap { item in
                    session[item.exerciseId].map {
                        SessionHistory.ItemOutcome(exerciseId: item.exerciseId, pain: $0.pain, difficulty: $0.difficulty, symptomsSpread: $0.spread)
                    }
                        ?? SessionHistory.ItemOutcome(exerciseId: item.exerciseId, pain: 2, difficulty: .aboutRight)
                }
                history.sessions.append(.init(date: date, items: items, nextMorning: today.nextMorning))
            }
            if let pain = today.walkPain {
                history.walks.append(.init(date: date, minutes: plan.walking.startMinutes, pain: pain, nextMorning: today.nextMorning))
            }
            let decided = engine.decide(plan: plan, history: history, limits: limits)
            decisions.append(decided)
            plan = PlanAdapter.apply(decided, to: plan, catalog: library.exercises, on: date.adding(days: 1))
            plans.append(plan)
        }
        return (plans, decisions)
    }

    static func everyone(
        _ pain: Int,
        _ difficulty: SessionHistory.Difficulty = .aboutRight
    ) -> [String: (pain: Int, difficulty: SessionHistory.Difficulty, spread: Bool)] {
        Dictionary(uniqueKeysWithValues: ((try? foundingPlan())?.exercises ?? []).map { ($0.exerciseId, (pain, difficulty, false)) })
    }

    @Test("steady improvement: doses step up one lever at a time and walks grow toward 30 minutes")
    func steady() throws {
        let (plans, decisions) = try Self.replay { day, _ in
            Day(session: Self.everyone(max(1, 3 - day / 10)), nextMorning: .better, walkPain: day % 7 < 5 ? 2 : nil)
        }
        let all = decisions.flatMap(\.items)
        #expect(all.contains { $0.rationale.rule.hasPrefix("R-progress-") })
        #expect(!all.contains { $0.action == .regress || $0.action == .remove })
        // The first step up comes after two good sessions, not one.
        #expect(decisions[0].items.allSatisfy { $0.action == .keep })
        #expect(decisions[1].items.contains { $0.action == .progress })
        #expect(plans.last!.walking.startMinutes > plans.first!.walking.startMinutes)
        // Days first (3 → 4 → 5, a week apart), then minutes.
        let walkRules = decisions.compactMap(\.walking).map(\.rationale.rule).filter { $0 != "W-hold" }
        #expect(walkRules.prefix(3) == ["W-more-days", "W-more-days", "W-grow"], "\(walkRules)")
        #expect(plans.last!.walking.currentDaysPerWeek == 5)
        for decision in all where decision.action != .keep {
            #expect(decision.rationale.source.contains("RESEARCH") && !decision.rationale.explanation.isEmpty)
        }
        // Reps never pass 15, sets never pass 3.
        for item in plans.last!.exercises {
            #expect((item.dose.reps ?? 0) <= 15 && item.dose.sets <= 3)
        }
    }

    @Test("a flare-up steps back: an easier version is proposed and walks fall back")
    func flareUp() throws {
        let (plans, decisions) = try Self.replay { day, _ in
            if day == 10 {
                var session = Self.everyone(2)
                session["forward-bend"] = (7, .tooHard, false)
                return Day(session: session, nextMorning: .worse, walkPain: 7)
            }
            return Day(session: Self.everyone(2), nextMorning: .same, walkPain: day % 2 == 0 ? 2 : nil)
        }
        let forward = try #require(decisions[10].items.first { $0.exerciseId == "forward-bend" })
        #expect(forward.action == .regress)
        #expect(forward.rationale.rule == "R-regress-easier")
        #expect(forward.swapTo == "seated-forward-flexion")
        #expect(forward.needsReview)
        #expect(decisions[10].walking?.rationale.rule == "W-fall-back")
        #expect(plans[11].walking.startMinutes < plans[10].walking.startMinutes)
        // The member keeps Forward Bend, at a lower dose, until the physical therapist decides.
        let kept = try #require(plans[11].exercises.first { $0.exerciseId == "forward-bend" })
        #expect(kept.proposal?.exerciseId == "seated-forward-flexion")
        #expect(kept.dose.sets <= plans[10].exercises.first { $0.exerciseId == "forward-bend" }!.dose.sets)
        #expect(!plans[11].exercises.contains { $0.exerciseId == "seated-forward-flexion" })
    }

    @Test("symptoms spreading down the leg stop that exercise and ask for the safety questions again")
    func peripheralization() throws {
        let (plans, decisions) = try Self.replay { day, _ in
            var session = Self.everyone(2)
            if day == 5 { session["cat-cow"] = (4, .aboutRight, true) }
            return Day(session: session, nextMorning: .same, walkPain: nil)
        }
        let catCow = try #require(decisions[5].items.first { $0.exerciseId == "cat-cow" })
        #expect(catCow.action == .remove)
        #expect(catCow.rescreen)
        #expect(catCow.rationale.rule == "R-spread")
        #expect(!plans[6].exercises.contains { $0.exerciseId == "cat-cow" })
        #expect(!plans.last!.exercises.contains { $0.exerciseId == "cat-cow" })
    }

    @Test("non-adherence: sessions two weeks apart and few walks change nothing")
    func nonAdherence() throws {
        let (plans, decisions) = try Self.replay { day, _ in
            Day(session: day == 0 || day == 14 ? Self.everyone(2) : nil, nextMorning: .same, walkPain: day == 3 || day == 20 ? 2 : nil)
        }
        #expect(!decisions.flatMap(\.items).contains { $0.action != .keep })
        #expect(decisions[14].items.contains { $0.rationale.rule == "R-keep-gap" })
        #expect(plans.last!.walking.startMinutes == plans.first!.walking.startMinutes)
        #expect(decisions[20].walking?.rationale.rule == "W-hold")
    }
}
