import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// Issue 17, finding 7: the demo, whose password is published, never goes into a database with
/// real people in it, and a demo installation says what it is on every page.
@Suite struct DemoInstallationTests {
    @Test("the demo is refused by a database that has a real admin, and nothing of it is written")
    func refusedIntoRealDatabase() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("director@clinic.example", role: .admin)
            await #expect(throws: DemoData.RefusedIntoRealDatabase.self) {
                try await DemoData.load(into: app.database, hasher: PasswordHasher(cost: 4), clock: app.clock)
            }
            #expect(try await app.account("admin@example.org") == nil)
            #expect(try await app.memberCount() == 0)
            #expect(try await !DemoData.isDemoInstallation(app.database))
            #expect(try await Browser(client).signIn("admin@example.org", password: DemoData.password).status == .unauthorized)
            #expect(try await !Browser(client).get("/").text.contains("Demo installation"))
        }
    }

    @Test("a demo installation says so on every page, and the demo loads again after people have joined it")
    func markedOnEveryPage() async throws {
        @Sendable func loadDemo(_ db: any Database) async throws {
            try await DemoData.load(into: db, hasher: PasswordHasher(cost: 4))
        }
        try await TestApp.run(prepare: loadDemo) { app, client in
            let visitor = Browser(client)
            for path in ["/", "/signin", "/library"] {
                #expect(try await visitor.get(path).text.contains("Demo installation."), "\(path)")
            }
            let riley = Browser(client)
            try await riley.signIn("riley@example.org", password: DemoData.password)
            #expect(try await riley.get("/home").text.contains("The people here are made up"))

            // Someone tries the demo by joining it: the marked database still takes the demo.
            var form = SignUpForm()
            form.email = "trying.it@example.net"
            #expect(try await Browser(client).post("/signup", form: form.fields).location == "/home?welcome=1")
            #expect(try await app.memberCount() == 5)
            #expect(try await !DemoData.load(into: app.database, hasher: PasswordHasher(cost: 4), clock: app.clock))
        }
    }
}
