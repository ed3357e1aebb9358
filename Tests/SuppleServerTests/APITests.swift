import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleCore
import Testing

@Suite struct APITests {
    func post(_ client: any TestClientProtocol, _ path: String, json: String, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static let signUp =
        #"{"name":"Riley Demo","email":"riley@example.org","password":"walk the dog at dawn","dateOfBirth":"1980-04-23","timeZone":"America/Chicago","consent":true}"#

    @Test("sign up by API, then use the token to read /me, then revoke it")
    func tokenLifecycle() async throws {
        try await TestApp.run { _, client in
            let created = try await post(client, "/api/v1/members", json: Self.signUp)
            #expect(created.status == .created)
            let body = try json(created)
            let token = try #require(body["token"] as? String)
            #expect((body["account"] as? [String: Any])?["email"] as? String == "riley@example.org")

            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
            #expect(try json(me)["role"] as? String == "member")

            let revoked = try await client.execute(uri: "/api/v1/tokens/current", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(revoked.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(after.status == .unauthorized)
            #expect(after.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("tokens are stored hashed: the database never holds the secret")
    func hashedAtRest() async throws {
        try await TestApp.run { app, client in
            let body = try json(try await post(client, "/api/v1/members", json: Self.signUp))
            let token = try #require(body["token"] as? String)
            let rows = try await app.database.read { db in try await db.raw("SELECT token_hash FROM api_tokens").all() }
            let stored = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(stored.count == 1)
            #expect(!stored.contains(token))
        }
    }

    @Test("a password exchange issues a token; wrong passwords are refused")
    func passwordExchange() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let good = try await post(
                client,
                "/api/v1/tokens",
                json: #"{"email":"riley@example.org","password":"walk the dog at dawn","label":"phone"}"#
            )
            #expect(good.status == .created)
            let bad = try await post(client, "/api/v1/tokens", json: #"{"email":"riley@example.org","password":"nope nope"}"#)
            #expect(bad.status == .unauthorized)
            #expect(try json(bad)["detail"] as? String == "That email and password don't match an account. Check them and try again.")
        }
    }

    @Test("field problems name each field with a JSON pointer, and nothing is stored")
    func fieldProblems() async throws {
        try await TestApp.run { app, client in
            let response = try await post(
                client,
                "/api/v1/members",
                json: #"{"name":"<b>x</b>","email":"nope","password":"123","dateOfBirth":"2999-01-01","timeZone":"Nowhere","consent":false}"#
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let errors = try #require(try json(response)["errors"] as? [[String: String]])
            #expect(errors.compactMap { $0["pointer"] } == ["#/name", "#/email", "#/password", "#/dateOfBirth", "#/timeZone", "#/consent"])
            #expect(try await app.memberCount() == 0)
        }
    }

    @Test(
        "wrong JSON types and broken JSON are 400/422 problems, never 500",
        arguments: [
            (#"{"name": 42, "email": "a@b.org"}"#, 422),
            (#"{"consent": "yes"}"#, 422),
            (#"not json at all"#, 400),
            (#"[1,2,3]"#, 400),
            ("", 400),
        ]
    )
    func malformed(_ input: (String, Int)) async throws {
        try await TestApp.run { app, client in
            let response = try await post(client, "/api/v1/members", json: input.0)
            #expect(response.status.code == input.1)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try await app.memberCount() == 0)
        }
    }

    @Test("the API ignores session cookies: it needs a bearer token")
    func noCookieAuth() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("riley@example.org", role: .member)
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == .unauthorized)
        }
    }
}
