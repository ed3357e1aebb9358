import Foundation
import SuppleContent
import SuppleCore
import Testing

/// Clinical vignettes (Fixtures/vignettes/*.json): one person's intake and what the engine must
/// decide for them, run against the shipped exercise library.
@Suite struct VignetteTests {
    struct Vignette: Decodable, Sendable {
        let name: String
        let expect: Expectation
    }

    struct Expectation: Decodable, Sendable {
        let tier: String
        let programStatus: String
        let flags: [String]
        let yellowFlags: [String]
        let pattern: String?
        let stage: String?
        let irritability: String?
        let hasPlan: Bool
        let includesExercises: [String]?
        let excludesExercises: [String]?
        let noFloorExercises: Bool?
        let maxLevel: Int?
        let noSpineBias: [String]?
        let allRegions: [String]?
        let walkingStartMinutes: Int?
        let hasMovementSnacks: Bool?
        let hasHeat: Bool?
        let educationIncludes: [String]?
        let educationFirst: String?
    }

    static var folder: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("vignettes") }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static let library = try! ContentLibrary.bundled()
    static let engine = ProgramEngine(catalog: library.exercises, articles: library.articles)

    @Test("there are at least 40 vignettes")
    func enough() { #expect(Self.files.count >= 40) }

    @Test("each vignette gets the decision a clinician expects", arguments: files)
    func vignette(_ file: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        let vignette = try JSONDecoder().decode(Vignette.self, from: data)
        guard case .object(let document)? = JSONValue.parse(data), let intakeValue = document["intake"] else {
            Issue.record("\(file) has no intake")
            return
        }
        let intake = try IntakeParser.parse(intakeValue)
        let decision = Self.engine.decide(intake)
        let expect = vignette.expect
        let context = "\(file): \(vignette.name)"

        #expect(decision.triage.tier.rawValue == expect.tier, "\(context)")
        #expect(decision.triage.programStatus.rawValue == expect.programStatus, "\(context)")
        #expect(Set(decision.triage.flags.map(\.id)) == Set(expect.flags), "\(context)")
        #expect(Set(decision.yellowFlags.map(\.id)) == Set(expect.yellowFlags), "\(context)")
        if let pattern = expect.pattern { #expect(decision.classification.pattern.rawValue == pattern, "\(context)") }
        if let stage = expect.stage { #expect(decision.classification.stage.rawValue == stage, "\(context)") }
        if let irritability = expect.irritability { #expect(decision.classification.irritability.rawValue == irritability, "\(context)") }
        #expect((decision.plan != nil) == expect.hasPlan, "\(context)")
        // Every flag explains itself.
        for flag in decision.triage.flags {
            #expect(!flag.rationale.explanation.isEmpty && (flag.rationale.source.contains("RESEARCH") || flag.rationale.source.contains("SOURCES")))
        }

        guard let plan = decision.plan else { return }
        let exercises = plan.exercises.compactMap { Self.library.exercises[$0.exerciseId] }
        let ids = Set(exercises.map(\.id))
        #expect((5...8).contains(plan.exercises.count), "\(context): \(plan.exercises.count) exercises")
        for id in expect.includesExercises ?? [] { #expect(ids.contains(id), "\(context): missing \(id) in \(ids.sorted())") }
        for id in expect.excludesExercises ?? [] { #expect(!ids.contains(id), "\(context): should not include \(id)") }
        if expect.noFloorExercises == true {
            for exercise in exercises {
                #expect(!ProgramBuilder.floorPositions.contains(exercise.position), "\(context): \(exercise.id) is on the floor")
            }
        }
        if let maxLevel = expect.maxLevel {
            for exercise in exercises { #expect(exercise.level <= maxLevel, "\(context): \(exercise.id) is level \(exercise.level)") }
        }
        for bias in expect.noSpineBias ?? [] {
            for exercise in exercises { #expect(exercise.spineBias.rawValue != bias, "\(context): \(exercise.id) is \(bias)") }
        }
        if let regions = expect.allRegions {
            for exercise in exercises {
                #expect(
                    exercise.regions.contains { regions.contains($0.rawValue) || $0 == .wholeBody },
                    "\(context): \(exercise.id) is for \(exercise.regions)"
                )
            }
        }
        if let start = expect.walkingStartMinutes { #expect(plan.walking.startMinutes == start, "\(context)") }
        if let snacks = expect.hasMovementSnacks { #expect((plan.movementSnacks != nil) == snacks, "\(context)") }
        if let heat = expect.hasHeat { #expect((plan.heat != nil) == heat, "\(context)") }
        let reading = plan.education.map(\.slug)
        for slug in expect.educationIncludes ?? [] { #expect(reading.contains(slug), "\(context): reading list lacks \(slug): \(reading)") }
        if let first = expect.educationFirst { #expect(reading.first == first, "\(context): reading starts with \(reading.first ?? "nothing")") }
        // Every item carries its reason and source.
        for item in plan.exercises {
            #expect(!item.rationale.explanation.isEmpty && !item.rationale.source.isEmpty && !item.doseRationale.rule.isEmpty)
        }
    }

    @Test("the same intake always gives the same decision")
    func deterministic() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(Self.files.first { $0.contains("founding") } ?? Self.files[0]))
        guard case .object(let document)? = JSONValue.parse(data), let intakeValue = document["intake"] else { return }
        let intake = try IntakeParser.parse(intakeValue)
        #expect(Self.engine.decide(intake) == Self.engine.decide(intake))
    }
}
