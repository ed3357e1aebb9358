import Foundation
import Ink
import SuppleCore

/// Article Markdown to HTML. The one shared danger-sign list is inserted where an article asks
/// for it, so no article can disagree with the rest of the product about what is an emergency.
public enum ArticleRenderer {
    /// `catalog` puts the shared danger-sign list into the article's language.
    public static func html(for article: Article, language: Language = .english, catalog: TextCatalog? = nil) -> String {
        let parser = MarkdownParser()
        return article.markdown
            .components(separatedBy: ArticleFileReader.dangerSignsMarker)
            .map { parser.html(from: $0) }
            .joined(separator: dangerSignsHTML(language: language, catalog: catalog))
    }

    static func dangerSignsHTML(language: Language, catalog: TextCatalog?) -> String {
        let say = { (english: String) in catalog?.text(english, in: language) ?? english }
        let items = EmergencySigns.signs.map { "<li>\(escape(say($0)))</li>" }.joined()
        return
            #"<section class="safety" aria-label="\#(escape(say("Danger signs")))"><ul>\#(items)</ul><p><strong>\#(escape(say(EmergencySigns.whatToDo)))</strong></p></section>"#
    }

    static func escape(_ text: String) -> String { text.markupEscaped }
}
