import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import SuppleServer

/// The doors open before sign-in (issue 17, finding 1): hostile nesting is refused by name, a
/// door's body has a small size limit, and past a door's rate the answer comes before the body
/// is read; the client's address is believed from `X-Forwarded-For` only behind a trusted proxy.
@Suite struct DoorTests {
    func post(_ client: any TestClientProtocol, _ path: String, _ body: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("a body nested 500 deep is refused by name; a door's body over 4 kB is refused before it is parsed")
    func hostileBodies() async throws {
        try await TestApp.run { _, client in
            let nested = String(repeating: #"{"a":"#, count: 500) + "1" + String(repeating: "}", count: 500)
            let deep = try await post(client, "/api/v1/tokens", nested)
            #expect(deep.status == .badRequest)
            #expect(String(buffer: deep.body).contains("nests more than 32 levels deep"))
            let large = try await post(client, "/api/v1/eligibility/check", #"{"organization":""# + String(repeating: "a", count: 5000) + #""}"#)
            #expect(large.status == .contentTooLarge)
        }
    }

    @Test("past the doors' rate an address gets 429 with Retry-After before its body is read, and the next minute it may knock again")
    func rate() async throws {
        try await TestApp.run { app, client in
            let oversize = String(repeating: "x", count: 10_000)
            for _ in 0..<AppConfiguration().doorRequestsPerMinute {
                #expect(try await post(client, "/api/v1/tokens", oversize).status == .contentTooLarge)
            }
            let limited = try await post(client, "/api/v1/tokens", oversize)
            #expect(limited.status == .tooManyRequests, "refused before the body, which would be 413")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok, "only the doors are limited")
            app.clock.advance(by: 61)
            #expect(try await post(client, "/api/v1/tokens", oversize).status == .contentTooLarge)
        }
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy, and names the nearest untrusted hop")
    func proxies() throws {
        let proxies = try TrustedProxies.parse("10.0.0.0/8, 192.168.1.5").get()
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: "1.2.3.4") == "203.0.113.9", "an untrusted peer can't choose its address")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: "1.2.3.4") == "1.2.3.4")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: "6.6.6.6, 1.2.3.4, 192.168.1.5") == "1.2.3.4", "a spoofed first hop is ignored")
        #expect(proxies.client(peer: "192.168.1.5", forwardedFor: nil) == "192.168.1.5")
        #expect(TrustedProxies.none.client(peer: "10.1.2.3", forwardedFor: "1.2.3.4") == "10.1.2.3")
        #expect(throws: ProxyListProblem.self) { try TrustedProxies.parse("10.0.0.0/33").get() }
        #expect(throws: ProxyListProblem.self) { try TrustedProxies.parse("load-balancer").get() }
    }

    @Test("a doubled or dotted path is not found, so //api/v1/me can't be read with a session cookie")
    func canonicalPaths() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            for path in ["//api/v1/me", "/api//v1/me", "/./api/v1/me", "/x/../api/v1/me"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            #expect(try await browser.get("/api/v1/me").status == .unauthorized, "the API takes bearer tokens, not the cookie")
            #expect(try await browser.get("/home").status == .ok)
        }
        #expect(CanonicalPathMiddleware.isCanonical("/library/exercises/"), "a trailing slash is fine")
    }
}
