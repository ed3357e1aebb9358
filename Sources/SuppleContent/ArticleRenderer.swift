import Foundation
import Ink
import SuppleCore

/// Article Markdown to HTML. The one shared danger-sign list is inserted where an article asks
/// for it, so no article can disagree with the rest of the product about what is an emergency.
public enum ArticleRenderer {
    public static func html(for article: Article) -> String {
        let parser = MarkdownParser()
        return article.markdown
            .components(separatedBy: ArticleFileReader.dangerSignsMarker)
            .map { parser.html(from: $0) }
            .joined(separator: dangerSignsHTML)
    }

    static var dangerSignsHTML: String {
        let items = EmergencySigns.signs.map { "<li>\(escape($0))</li>" }.joined()
        return #"<section class="safety" aria-label="Danger signs"><ul>\#(items)</ul><p><strong>\#(escape(EmergencySigns.whatToDo))</strong></p></section>"#
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
