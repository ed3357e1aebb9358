/// The one escaper for text Supple writes into HTML or SVG itself (figures, charts, the danger
/// signs in articles). Mustache escapes what templates print; this covers markup built in code.
extension String {
    /// The text with `& < > " '` written as entities, safe in element content and in a quoted
    /// attribute value.
    public var markupEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
