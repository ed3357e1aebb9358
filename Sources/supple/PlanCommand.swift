import ArgumentParser
import Foundation
import SuppleContent
import SuppleCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Run the program engine on one intake and print its whole decision as JSON.",
        discussion: "The intake format is documented in docs/intake.md; docs/examples/ has samples."
    )

    @Option(help: "An intake document (JSON). Use - for standard input.") var input: String

    func run() async throws {
        let data: Data
        if input == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: input) else {
                throw ValidationError("Can't read \(input).")
            }
            data = read
        }
        let intake: Intake
        do {
            intake = try IntakeParser.parse(data)
        } catch {
            var standardError = FileHandle.standardError
            for problem in error.errors { print("\(problem.field): \(problem.message)", to: &standardError) }
            throw ExitCode(2)
        }
        let library = try ContentLibrary.bundled()
        let decision = ProgramEngine(catalog: library.exercises, articles: library.articles).decide(intake)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(decision), as: UTF8.self))
    }
}
