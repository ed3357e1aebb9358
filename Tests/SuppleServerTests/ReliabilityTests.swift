import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleStore
import Testing

/// Retried writes happen once, and a database in trouble gets a fast, honest answer.
@Suite struct ReliabilityTests {
    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    }

    func send(
        _ client: any TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        _ json: String? = nil,
        token: String,
        key: String? = nil
    ) async throws -> Answer {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let key { headers[.init("Idempotency-Key")!] = key }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func walkCount(_ app: TestApp, _ email: String) async throws -> Int {
        let member = try #require(try await app.account(email))
        return try await app.database.read { db in try await ActivityRepository.walks(memberID: member.id, in: db).count }
    }

    /// A member with a plan, signed in over the API.
    func member(_ app: TestApp, _ client: any TestClientProtocol, _ email: String) async throws -> String {
        let account = try await app.createAccount(email, role: .member)
        let token = try await AccessMatrixTests().token(client, email)
        _ = account
        let intake = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../docs/examples/walking-pain.json").standardizedFileURL,
            encoding: .utf8
        )
        #expect(try await send(client, .post, "/api/v1/intake", intake, token: token).status == .created)
        return token
    }

    @Test("an Idempotency-Key is its member's own; a replay gets the first answer; the same key on another body is refused by name")
    func keysPerMember() async throws {
        try await TestApp.run { app, client in
            let riley = try await member(app, client, "riley@example.org")
            let sam = try await member(app, client, "sam@example.org")
            let walk = #"{"minutes":12,"pain":3,"breaks":0}"#

            let first = try await send(client, .post, "/api/v1/walks", walk, token: riley, key: "shared-key-0001")
            #expect(first.status == .created)
            // Another member's identical key is theirs: their walk is recorded, not dropped.
            #expect(try await send(client, .post, "/api/v1/walks", walk, token: sam, key: "shared-key-0001").status == .created)
            #expect(try await walkCount(app, "sam@example.org") == 1)

            let replay = try await send(client, .post, "/api/v1/walks", walk, token: riley, key: "shared-key-0001")
            #expect(replay.status == first.status)
            #expect(replay.text == first.text)
            #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await walkCount(app, "riley@example.org") == 1)

            let changed = try await send(client, .post, "/api/v1/walks", #"{"minutes":40,"pain":3,"breaks":0}"#, token: riley, key: "shared-key-0001")
            #expect(changed.status == .unprocessableContent)
            #expect(changed.text.contains("#/idempotencyKey"))
            #expect(try await walkCount(app, "riley@example.org") == 1)

            // A session started twice with its key is one session, whichever route retried it.
            let started = try await send(client, .post, "/api/v1/sessions", token: riley, key: "session-key-0001")
            let again = try await send(client, .post, "/api/v1/sessions", token: riley, key: "session-key-0001")
            #expect(started.status == .created && again.json["id"] as? String == started.json["id"] as? String)
        }
    }

    @Test("ten concurrent retries of one keyed walk store it once, and none answers 500")
    func concurrentRetries() async throws {
        try await TestApp.run { app, client in
            let token = try await member(app, client, "riley@example.org")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await send(client, .post, "/api/v1/walks", #"{"minutes":9,"pain":2}"#, token: token, key: "race-key-00001").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            #expect(try await walkCount(app, "riley@example.org") == 1)
        }
    }

    @Test("a clinical note and an intake sent twice with a key are kept once")
    func keyedStaffAndIntakeWrites() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let token = try await member(app, client, "riley@example.org")
            let riley = try #require(try await app.account("riley@example.org"))
            let pt = try await AccessMatrixTests().token(client, "pt@example.org")

            let note = #"{"subjective":"Sore after gardening","assessment":"Flare, settling","plan":"Keep walking"}"#
            let path = "/api/v1/staff/members/\(riley.id.uuidString.lowercased())/notes"
            let written = try await send(client, .post, path, note, token: pt, key: "note-key-00001")
            #expect(written.status == .created)
            #expect(try await send(client, .post, path, note, token: pt, key: "note-key-00001").text == written.text)
            let notes = try await send(client, .get, path, token: pt)
            #expect(((try? JSONSerialization.jsonObject(with: Data(notes.text.utf8))) as? [Any])?.count == 1)

            // A second intake with the same key makes no second plan.
            let intake = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../docs/examples/walking-pain.json").standardizedFileURL,
                encoding: .utf8
            )
            func intakes() async throws -> Int {
                try await app.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM intakes WHERE account_id = \(bind: riley.id.uuidString)").first()!.decode(
                        column: "n",
                        as: Int.self
                    )
                }
            }
            let before = try await intakes()
            #expect(try await send(client, .post, "/api/v1/intake", intake, token: token, key: "intake-key-0001").status == .created)
            #expect(try await intakes() == before + 1)
            #expect(try await send(client, .post, "/api/v1/intake", intake, token: token, key: "intake-key-0001").status == .created)
            #expect(try await intakes() == before + 1)
        }
    }

    @Test("starting a session refuses malformed JSON (400) and an oversized body (413); an empty body starts one")
    func sessionBodies() async throws {
        try await TestApp.run { app, client in
            let token = try await member(app, client, "riley@example.org")
            let malformed = try await send(client, .post, "/api/v1/sessions", "{not json", token: token)
            #expect(malformed.status == .badRequest)
            #expect(malformed.text.contains("JSON object"))
            let huge = "{\"note\":\"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\"}"
            #expect(try await send(client, .post, "/api/v1/sessions", huge, token: token).status == .contentTooLarge)
            let wrongType = try await send(client, .post, "/api/v1/sessions", #"{"idempotencyKey":12}"#, token: token)
            #expect(wrongType.status == .unprocessableContent)
            #expect(try await send(client, .post, "/api/v1/sessions", token: token).status == .created)
        }
    }

    @Test("a write held up past the database deadline answers 503 with Retry-After at once, and nothing of it lands")
    func deadline() async throws {
        // Long enough that setting up the member never trips it: with the whole suite running in
        // parallel on two cores, one SQLite call waits its turn on the shared I/O threads behind
        // other tests' fsyncs, and 3 seconds was seen to be too short (setup calls took up to 5).
        try await TestApp.run(options: StoreOptions(callTimeout: .seconds(10))) { app, client in
            let token = try await member(app, client, "riley@example.org")
            // Someone else holds the write lock for longer than a call may wait.
            let holder = Task {
                try await app.database.transaction(within: .seconds(60)) { db in
                    if app.database.kind == .postgres {
                        // Lifts this session's own limits, which the short deadline also sets.
                        try await db.raw("SET LOCAL statement_timeout = 0").run()
                        try await db.raw("SET LOCAL idle_in_transaction_session_timeout = 0").run()
                        try await db.raw("LOCK TABLE walks IN EXCLUSIVE MODE").run()
                        try await db.raw("SELECT pg_sleep(16)").run()
                    } else {
                        try await Task.sleep(for: .seconds(16))
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(400))
            let started = ContinuousClock.now
            let answer = try await send(client, .post, "/api/v1/walks", #"{"minutes":10,"pain":2}"#, token: token, key: "held-walk-00001")
            // Answered at the 10-second deadline, not when the holder lets go at 16.
            #expect(ContinuousClock.now - started < .seconds(13))
            #expect(answer.status == .serviceUnavailable)
            #expect(Int(answer.headers[.retryAfter] ?? "") != nil)
            #expect(answer.headers[.contentType] == "application/problem+json")
            try await holder.value
            #expect(try await walkCount(app, "riley@example.org") == 0)
            // The same retry now lands, once.
            #expect(
                try await send(client, .post, "/api/v1/walks", #"{"minutes":10,"pain":2}"#, token: token, key: "held-walk-00001").status == .created
            )
            #expect(try await walkCount(app, "riley@example.org") == 1)
        }
    }

    @Test("a member reads their messages at once while the single writer is busy; marking them read waits its turn")
    func readingDoesNotWaitOnTheWriter() async throws {
        guard TestApp.onSQLite else { return }
        try await TestApp.run { app, client in
            let token = try await member(app, client, "riley@example.org")
            #expect(
                try await send(
                    client,
                    .post,
                    "/api/v1/messages",
                    #"{"body":"Is it normal to be stiff in the morning?"}"#,
                    token: token,
                    key: "msg-key-000001"
                ).status == .created
            )
            let holder = Task {
                try await app.database.transaction(within: .seconds(10)) { _ in try await Task.sleep(for: .milliseconds(3000)) }
            }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            let thread = try await send(client, .get, "/api/v1/messages", token: token)
            #expect(ContinuousClock.now - started < .seconds(1.5))
            #expect(thread.status == .ok)
            #expect(thread.text.contains("stiff in the morning"))
            try await holder.value
        }
    }

    @Test("a read-only database answers 503 with a reference on the web, and /readyz says it is not ready")
    func readOnly() async throws {
        guard TestApp.onSQLite else { return }
        try await TestApp.run { app, client in
            _ = try await member(app, client, "riley@example.org")
            let browser = Browser(client)
            try await browser.signIn("riley@example.org")
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            // query_only makes SQLite refuse every write on the writer, as a read-only file does.
            try await app.database.transaction { db in try await db.raw("PRAGMA query_only = 1").run() }
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(String(buffer: ready.body).contains("read-only"))
            let page = try await browser.post("/walks", form: [("minutes", "10"), ("walkPain", "2"), ("key", "web-walk-key-01")])
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("Nothing was changed"))
            #expect(page.text.contains("quote reference"))
            #expect(page.headers[.retryAfter] != nil)
        }
    }

    @Test("a full disk answers 507 with Retry-After and changes nothing; with room again, the same write lands without a restart")
    func diskFull() async throws {
        guard TestApp.onSQLite else { return }
        try await TestApp.run { app, client in
            let token = try await member(app, client, "riley@example.org")
            let riley = try #require(try await app.account("riley@example.org"))
            // SQLite's size limit stands in for the disk: cap the file where it is, then fill
            // the walks table's pages until a walk no longer fits.
            try await app.database.transaction { db in
                let pages = try await db.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
                try await db.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages))").run()
            }
            var filled = 0
            while filled < 100_000 {
                do {
                    let index = filled
                    try await app.database.transaction { db in
                        _ = try await ActivityRepository.recordWalk(
                            key: "filler-\(index)",
                            memberID: riley.id,
                            date: "2026-01-01",
                            minutes: 5,
                            breaks: 0,
                            painStartedMinute: nil,
                            pain: 1,
                            at: Date(),
                            in: db
                        )
                    }
                    filled += 1
                } catch let fault as StoreFault where fault.kind == .diskFull {
                    break
                }
            }
            let before = try await walkCount(app, "riley@example.org")
            let full = try await send(client, .post, "/api/v1/walks", #"{"minutes":10,"pain":2}"#, token: token, key: "full-disk-walk-1")
            #expect(full.status.code == 507)
            #expect(full.headers[.retryAfter] != nil)
            #expect(try await walkCount(app, "riley@example.org") == before)

            try await app.database.transaction { db in try await db.raw("PRAGMA max_page_count = 1073741823").run() }
            #expect(
                try await send(client, .post, "/api/v1/walks", #"{"minutes":10,"pain":2}"#, token: token, key: "full-disk-walk-1").status == .created
            )
            #expect(try await walkCount(app, "riley@example.org") == before + 1)
        }
    }
}
