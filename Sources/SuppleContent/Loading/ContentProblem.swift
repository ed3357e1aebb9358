/// One thing wrong with a content file, named precisely enough to fix without searching:
/// `exercises/lumbar/cat-cow.yaml: dose.reps: must be a whole number from 1 to 50 (got 80)`.
public struct ContentProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let field: String
    public let message: String

    public init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String { "\(file): \(field): \(message)" }
}

/// The content did not pass its checks; the server will not start on it.
public struct ContentInvalid: Error, CustomStringConvertible {
    public let problems: [ContentProblem]

    public init(problems: [ContentProblem]) { self.problems = problems }

    public var description: String {
        "The content has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.map(\.description).joined(separator: "\n")
    }
}
