import ArgumentParser
import Foundation
import SuppleContent
import SuppleCore

struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Run the progression engine on a plan and a session history; print its decisions as JSON.",
        discussion: "Formats: docs/progression.md. The plan may be a whole decision from `supple plan` or just its plan."
    )

    @Option(help: "The plan (JSON).") var plan: String
    @Option(help: "The session history (JSON).") var history: String
    @Option(
        help:
            "The member's intake (JSON), whose limits every swap to an easier or harder exercise must pass. Without it no swap is proposed, only dose changes."
    )
    var intake: String?

    func run() async throws {
        let decoder = JSONDecoder()
        let planData = try read(plan)
        let programPlan: ProgramPlan
        if let decision = try? decoder.decode(Decision.self, from: planData) {
            guard let inner = decision.plan else { throw ValidationError("That decision has no plan (an emergency blocks it).") }
            programPlan = inner
        } else {
            do { programPlan = try decoder.decode(ProgramPlan.self, from: planData) } catch {
                throw ValidationError("\(plan) is neither a decision nor a plan: \(error)")
            }
        }
        let sessionHistory: SessionHistory
        do { sessionHistory = try decoder.decode(SessionHistory.self, from: try read(history)) } catch {
            throw ValidationError("\(history) is not a session history (see docs/progression.md): \(error)")
        }
        let library = try ContentLibrary.bundled()
        var limits: MemberLimits?
        if let intake {
            let parsed: Intake
            do { parsed = try IntakeParser.parse(try read(intake)) } catch {
                throw ValidationError("\(intake) is not a valid intake (see docs/intake.md): \(error)")
            }
            limits = MemberLimits.limits(for: parsed, Classifier.classify(parsed)).0
        }
        let decisions = ProgressionEngine(catalog: library.exercises).decide(plan: programPlan, history: sessionHistory, limits: limits)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(decisions), as: UTF8.self))
    }

    func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("Can't read \(path).") }
        return data
    }
}
