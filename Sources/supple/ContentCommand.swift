import ArgumentParser
import Foundation
import SuppleContent

struct ContentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Work with the exercise and article library.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every exercise, article and translation catalog; exits non-zero with file: field: messages on any problem."
        )

        @Option(help: "A content folder (with exercises/ and articles/) to check instead of the bundled one.")
        var path: String?

        func run() async throws {
            let library: Result<ContentLibrary, ContentInvalid>
            let catalog: Result<TextCatalog, ContentInvalid>
            if let path {
                let folder = URL(fileURLWithPath: path)
                library = ContentLoader.load(from: folder)
                catalog = TextCatalog.load(from: folder.appendingPathComponent("translations"))
            } else {
                library = Result { try ContentLibrary.bundled() }.mapError { ($0 as? ContentInvalid) ?? ContentInvalid(problems: []) }
                catalog = Result { try TextCatalog.bundled() }.mapError { ($0 as? ContentInvalid) ?? ContentInvalid(problems: []) }
            }
            switch (library, catalog) {
            case (.success(let library), .success):
                print("Content OK: \(library.exercises.count) exercises, \(library.articles.count) articles, and their translations.")
            default:
                let problems = [library.failure, catalog.failure].compactMap { $0 }.flatMap(\.problems)
                var standardError = FileHandle.standardError
                print(ContentInvalid(problems: problems).description, to: &standardError)
                throw ExitCode.failure
            }
        }
    }
}

struct ExercisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "Print the exercise catalog."
    )

    @Flag(help: "Print the whole catalog as one JSON array with every field.") var json = false

    func run() async throws {
        let library = try ContentLibrary.bundled()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(library.exercises.all), as: UTF8.self))
        } else {
            for exercise in library.exercises.all {
                print("\(exercise.id.padding(toLength: 40, withPad: " ", startingAt: 0)) L\(exercise.level)  \(exercise.name)")
            }
        }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

extension Result {
    var failure: Failure? { if case .failure(let failure) = self { failure } else { nil } }
}
