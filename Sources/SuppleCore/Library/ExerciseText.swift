/// The words of an exercise a member reads, in one language: everything else (dose, figure,
/// links) is shared by every language.
public struct ExerciseText: Sendable, Equatable, Codable {
    public let name: String
    public let summary: String
    public let steps: [String]
    public let cues: [String]
    public let mistakes: [Exercise.Mistake]
    public let precautions: [String]
    /// What the figure shows, for people who cannot see it.
    public let figureDescription: String

    public init(
        name: String,
        summary: String,
        steps: [String],
        cues: [String],
        mistakes: [Exercise.Mistake],
        precautions: [String],
        figureDescription: String
    ) {
        self.name = name
        self.summary = summary
        self.steps = steps
        self.cues = cues
        self.mistakes = mistakes
        self.precautions = precautions
        self.figureDescription = figureDescription
    }
}
