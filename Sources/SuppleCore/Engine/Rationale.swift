/// Why the engine decided something: the rule, one plain sentence, and where the rule comes
/// from in RESEARCH.md. Members and clinicians both see it.
public struct Rationale: Sendable, Equatable, Codable {
    public let rule: String
    public let explanation: String
    public let source: String

    public init(rule: String, explanation: String, source: String) {
        self.rule = rule
        self.explanation = explanation
        self.source = source
    }
}
