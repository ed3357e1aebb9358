import Foundation
import SuppleContent
import SuppleCore

/// Member-facing text in a template is written in English between `{{#t}}` and `{{/t}}`. When
/// the templates load, each language gets its own copy with those texts replaced from the
/// catalog (English just loses the markers), so translating costs nothing per request.
enum TemplateTranslation {
    static let marked = try! NSRegularExpression(pattern: #"\{\{#t\}\}([\s\S]*?)\{\{/t\}\}"#)

    /// The template with every marked text in `language`.
    static func translate(_ template: String, into language: Language, catalog: TextCatalog) -> String {
        let source = template as NSString
        var result = ""
        var last = 0
        for match in marked.matches(in: template, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            result += catalog.text(source.substring(with: match.range(at: 1)), in: language)
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }

    /// The English texts a template marks for translation, white space collapsed.
    static func texts(in template: String) -> [String] {
        let source = template as NSString
        return marked.matches(in: template, range: NSRange(location: 0, length: source.length)).map {
            TextCatalog.key(source.substring(with: $0.range(at: 1)))
        }
    }
}
