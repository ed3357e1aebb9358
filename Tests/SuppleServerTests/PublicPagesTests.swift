import Hummingbird
import HummingbirdTesting
import SuppleCore
import Testing

@Suite struct PublicPagesTests {
    @Test("the landing page explains the program, shows the notice and the danger signs")
    func landing() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Education, not medical advice."))
            #expect(page.text.contains("10–15 seconds"))
            for sign in EmergencySigns.signs { #expect(page.text.contains(sign)) }
            #expect(page.body.contains(#"href="/signup""#))
        }
    }

    @Test("every page carries the security headers and is not cached")
    func securityHeaders() async throws {
        try await TestApp.run { _, client in
            for path in ["/", "/signin", "/no-such-page"] {
                let page = try await Browser(client).get(path)
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[.init("Referrer-Policy")!] == "same-origin")
                #expect(page.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test("pages contain no inline script or style, which the CSP would block")
    func noInlineScript() async throws {
        try await TestApp.run { _, client in
            for path in ["/", "/signup", "/signin", "/password/forgot", "/terms", "/privacy"] {
                let body = try await Browser(client).get(path).body
                #expect(!body.contains("<script>"), "inline script on \(path)")
                #expect(!body.contains("style=\""), "inline style on \(path)")
                #expect(!body.contains("onclick="), "inline handler on \(path)")
            }
        }
    }

    @Test("an unknown page is a friendly 404; an unknown API path is a problem document")
    func notFound() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.text.contains("We can't find that page"))
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)

            let api = try await Browser(client).get("/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(api.text.contains(#""status":404"#))
        }
    }

    @Test("static files are served with a content type and cache validators")
    func staticFiles() async throws {
        try await TestApp.run { _, client in
            let browser = Browser(client)
            let css = try await browser.get("/static/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(css.headers[.eTag])
            let again = try await browser.get("/static/app.css", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(try await browser.get("/static/../Package.swift").status == .notFound)
        }
    }
}
