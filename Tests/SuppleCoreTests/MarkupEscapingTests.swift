import SuppleCore
import Testing

@Suite struct MarkupEscapingTests {
    @Test("the five characters that can break out of markup are written as entities; the rest stay")
    func escapes() {
        #expect(#"<script>alert("x" & 'y')</script>"#.markupEscaped == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        #expect("Cat–cow stretch, 10 × 2 ñ".markupEscaped == "Cat–cow stretch, 10 × 2 ñ")
        #expect("&amp;".markupEscaped == "&amp;amp;")
    }
}
