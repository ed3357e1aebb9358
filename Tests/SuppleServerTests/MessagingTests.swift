import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// One thread per member with their care team: plain text, unread counts on both sides, the
/// staff queue, saved replies, and nobody else in the thread.
@Suite struct MessagingTests {
    func setUp(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (pt: Browser, member: Browser, account: AccountRecord) {
        try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
        try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
        let account = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
        let member = Browser(client)
        try await member.signIn("riley@example.org")
        let pt = Browser(client)
        try await pt.signIn("pt@example.org")
        return (pt, member, account)
    }

    func key(_ page: Browser.Page) -> String {
        page.body.range(of: #"name="key" value=""#).map { String(page.body[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
    }

    @Test("a member's message waits in the care team's queue until read; the reply shows as new on the member's Today page")
    func conversation() async throws {
        try await TestApp.run { app, client in
            let (pt, member, account) = try await setUp(app, client)
            let thread = "/staff/members/\(account.id.uuidString.lowercased())/messages"
            let form = try await member.get("/messages")
            #expect(form.text.contains("Pat Lee (physical therapist)"))
            let sent = try await member.post("/messages", form: [("key", key(form)), ("body", "My back <b>aches</b> after\nthe walk.")])
            #expect(sent.location == "/messages?done=sent#latest")

            app.clock.advance(by: 2 * 3600)
            // Two hours away signed the physical therapist out (staff sessions end after 30 idle minutes).
            try await pt.signIn("pt@example.org")
            let queue = try await pt.get("/staff")
            #expect(queue.text.contains("1 unread message from the member"))
            #expect(queue.text.contains("Riley Demo"))
            #expect(queue.text.contains("2 hours"))

            let opened = try await pt.get(thread)
            #expect(opened.body.contains("My back &lt;b&gt;aches&lt;/b&gt; after\nthe walk."), "plain text, escaped, line breaks kept")
            #expect(!opened.body.contains("<b>aches</b>"))
            #expect(!(try await pt.get("/staff")).text.contains("unread message"), "reading it clears the queue row")

            let coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get("/staff").text.contains("1 unread message from the member"), "each reader keeps their own place")

            #expect(try await pt.post(thread, form: [("key", key(opened)), ("body", "Try the forward bend break halfway.")]).status == .seeOther)
            let home = try await member.get("/home")
            #expect(home.text.contains("1 new message from your care team"))
            #expect(
                home.body.contains(#"Messages <span class="nav-badge">1<span class="visually-hidden"> unread</span></span>"#),
                "the navigation shows the count on every page"
            )
            #expect(try await member.get("/progress").body.contains(#"<span class="nav-badge">1"#))
            let reply = try await member.get("/messages")
            #expect(!reply.body.contains("nav-badge"), "no badge on the thread being read")
            #expect(reply.text.contains("Pat Lee, physical therapist"))
            #expect(reply.text.contains("Try the forward bend break halfway."))
            let after = try await member.get("/home")
            #expect(!after.text.contains("new message from your care team"))
            #expect(!after.body.contains("nav-badge"))

            let audit = try await app.database.read { db in try await AuditLog.trail(for: account.id, in: db) }
            #expect(audit.contains { $0.event.action == "staff.read_messages" })
            #expect(audit.contains { $0.event.action == "staff.sent_message" })
            #expect(!audit.contains { $0.event.detail.contains("forward bend") }, "message text never goes into the audit log")
        }
    }

    @Test("an empty, overlong or control-character message is refused by field; a double submit stores one message")
    func refusals() async throws {
        try await TestApp.run { app, client in
            let (_, member, account) = try await setUp(app, client)
            let page = try await member.get("/messages")
            for (body, message) in [
                ("   ", "Write your message."), (String(repeating: "x", count: 4_001), "Keep your message to 4000 characters or fewer."),
                ("bell \u{07} here", "contains characters we can't store"),
            ] {
                let refused = try await member.post("/messages", form: [("key", key(page)), ("body", body)])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains(message), "\(message)")
            }
            for _ in 0..<2 { _ = try await member.post("/messages", form: [("key", key(page)), ("body", "Only once please")]) }
            let stored = try await app.database.read { db in try await MessageRepository.thread(memberID: account.id, in: db) }
            #expect(stored.map(\.body) == ["Only once please"])
        }
    }

    @Test("saved replies belong to one staff member and start a reply; other people cannot use or delete them")
    func savedReplies() async throws {
        try await TestApp.run { app, client in
            let (pt, _, account) = try await setUp(app, client)
            #expect(try await pt.post("/staff/replies", form: [("title", ""), ("body", "x")]).text.contains("Enter your title."))
            #expect(
                try await pt.post("/staff/replies", form: [("title", "Flare-up"), ("body", "Ease off for two days, then build back up.")]).location
                    == "/staff/replies"
            )
            let ptID = try #require(try await app.account("pt@example.org")).id
            let reply = try #require(try await app.database.read { db in try await SavedReplyRepository.list(staffID: ptID, in: db) }.first)
            let thread = "/staff/members/\(account.id.uuidString.lowercased())/messages"
            let started = try await pt.get(thread + "?reply=\(reply.id.uuidString.lowercased())")
            #expect(started.body.contains(">Ease off for two days, then build back up.</textarea>"))

            let coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(!(try await coach.get("/staff/replies")).text.contains("Flare-up"))
            #expect(try await coach.get(thread + "?reply=\(reply.id.uuidString.lowercased())").body.contains("></textarea>"))
            #expect(try await coach.post("/staff/replies/\(reply.id.uuidString.lowercased())/delete", form: []).status == .notFound)
            #expect(
                try await pt.post("/staff/replies/\(reply.id.uuidString.lowercased())/delete", form: []).location == "/staff/replies?done=deleted"
            )
        }
    }

    @Test("a clinician who is not on the member's care team can neither read nor write the thread")
    func strangers() async throws {
        try await TestApp.run { app, client in
            let (_, member, account) = try await setUp(app, client)
            _ = try await member.post("/messages", form: [("key", "first-message-key"), ("body", "Private words")])
            try await app.createAccount("pt.other@example.org", role: .physicalTherapist, name: "Other PT")
            let stranger = Browser(client)
            try await stranger.signIn("pt.other@example.org")
            let thread = "/staff/members/\(account.id.uuidString.lowercased())/messages"
            #expect(try await stranger.get(thread).status == .forbidden)
            #expect(try await stranger.post(thread, form: [("key", "stranger-key-1"), ("body", "hello")]).status == .forbidden)
            #expect(!(try await stranger.get("/staff")).text.contains("unread message"))
            let stored = try await app.database.read { db in try await MessageRepository.thread(memberID: account.id, in: db) }
            #expect(stored.count == 1)
        }
    }
}
