import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SuppleContent
import SuppleCore
import SuppleStore
import Testing

@testable import SuppleServer

/// Sign-in limits that can't be raced and can't be turned against an account's owner
/// (issue 17, finding 2).
@Suite struct SignInThrottleTests {
    func service(_ app: TestApp) async throws -> AccountService { try await app.accountService() }

    func attempt(_ accounts: AccountService, _ email: String, _ password: String, from address: String) async -> String {
        do {
            _ = try await accounts.signIn(email: email, password: password, clientAddress: address)
            return "signed in"
        } catch let refusal as AccountService.SignInRefusal {
            if case .tooManyAttempts = refusal { return "held" }
            return "wrong"
        } catch {
            return "\(error)"
        }
    }

    @Test("100 wrong passwords sent at once are counted before checking: no more than 10 are checked")
    func race() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pat@example.org", role: .physicalTherapist)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let body = #"{"email":"pat@example.org","password":"guess number \#(index)"}"#
                        return try await client.execute(
                            uri: "/api/v1/tokens",
                            method: .post,
                            headers: [.contentType: "application/json"],
                            body: ByteBuffer(string: body)
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == SignInThrottle.perAccountFromAddress, "checked")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 100 - SignInThrottle.perAccountFromAddress, "refused unchecked")
        }
    }

    @Test("guesses from one address hold that address, not the owner signing in from theirs")
    func ownerStillGetsIn() async throws {
        try await TestApp.run { app, _ in
            try await app.createAccount("pat@example.org", role: .physicalTherapist, password: "clinic keys 2026")
            let accounts = try await service(app)
            var seen: [String] = []
            for index in 0..<15 { seen.append(await attempt(accounts, "pat@example.org", "guess \(index)", from: "198.51.100.7")) }
            #expect(seen.prefix(10).allSatisfy { $0 == "wrong" } && seen.suffix(5).allSatisfy { $0 == "held" })
            #expect(await attempt(accounts, "pat@example.org", "clinic keys 2026", from: "198.51.100.7") == "held", "the guessing address is held")
            #expect(
                await attempt(accounts, "pat@example.org", "clinic keys 2026", from: "203.0.113.20") == "signed in",
                "the owner, elsewhere, is not"
            )
        }
    }

    @Test("an address guessing at many accounts is held after 50; an account guessed at from many addresses after 100, until the window passes")
    func addressAndAccountLimits() async throws {
        try await TestApp.run { app, _ in
            try await app.createAccount("pat@example.org", role: .physicalTherapist, password: "clinic keys 2026")
            let accounts = try await service(app)
            for index in 0..<SignInThrottle.perAddress {
                #expect(await attempt(accounts, "person\(index)@example.org", "guess", from: "198.51.100.9") == "wrong")
            }
            #expect(await attempt(accounts, "someone-else@example.org", "guess", from: "198.51.100.9") == "held")

            // Ten addresses, ten guesses each: the account's own limit of 100 is reached.
            for host in 1...10 {
                for _ in 0..<SignInThrottle.perAccountFromAddress {
                    #expect(await attempt(accounts, "pat@example.org", "guess", from: "192.0.2.\(host)") == "wrong")
                }
            }
            #expect(await attempt(accounts, "pat@example.org", "clinic keys 2026", from: "203.0.113.20") == "held")
            app.clock.advance(by: SignInThrottle.window + 1)
            #expect(await attempt(accounts, "pat@example.org", "clinic keys 2026", from: "203.0.113.20") == "signed in", "the window passes")
        }
    }
}
