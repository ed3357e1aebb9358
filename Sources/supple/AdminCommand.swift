import ArgumentParser
import Foundation
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage program admins.",
        subcommands: [Create.self, ResetLink.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an admin account (the first admin then invites everyone else).",
            discussion: "The password is read from SUPPLE_ADMIN_PASSWORD if set, otherwise asked for without echo."
        )

        @Option(help: "The admin's email address.") var email: String
        @Option(help: "The admin's name.") var name: String
        @Option(name: .customLong("time-zone"), help: "IANA time zone, e.g. Europe/London.") var timeZone = "UTC"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Environment.makeLogger()
            guard let password = Environment.value("SUPPLE_ADMIN_PASSWORD") ?? Self.askPassword() else {
                throw ValidationError("No password given.")
            }
            let store = try await database.openMigrated(logger: logger)
            do {
                let accounts = try await AccountService(
                    database: store,
                    hasher: PasswordHasher(cost: 12),
                    policy: PasswordPolicy(commonPasswords: CommonPasswords.all),
                    clock: SystemClock(),
                    links: LogLinkDelivery(logger: logger),
                    publicBaseURL: ""
                )
                let admin = try await accounts.createAdmin(name: name, email: email, password: password, timeZone: timeZone)
                print("Created admin \(admin.email). Sign in at /signin, then invite staff from Team.")
            } catch let failure as ValidationFailure {
                try? await store.shutdown()
                throw ValidationError(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
            } catch {
                try? await store.shutdown()
                throw error
            }
            try await store.shutdown()
        }

        static func askPassword() -> String? {
            guard let raw = getpass("Password for the new admin: ") else { return nil }
            return String(cString: raw)
        }
    }

    /// Without a mail server, nobody's reset link is sent or logged; the operator makes one here
    /// for the person who asked (a member, or an admin locked out of the team page).
    struct ResetLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-link",
            abstract: "Make a one-time password-reset link for an account, to pass on in person.",
            discussion: "The link works once, for an hour, and retires any earlier link. It is printed here, never logged."
        )

        @Option(help: "The account's email address.") var email: String
        @Option(name: .customLong("public-url"), help: "The address people use to reach Supple.") var publicURL =
            Environment.value("SUPPLE_PUBLIC_URL") ?? "http://127.0.0.1:8080"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Environment.makeLogger()
            let store = try await database.openMigrated(logger: logger)
            do {
                let accounts = try await AccountService(
                    database: store,
                    hasher: PasswordHasher(cost: 4),
                    policy: PasswordPolicy(commonPasswords: []),
                    clock: SystemClock(),
                    links: LogLinkDelivery(logger: logger),
                    publicBaseURL: publicURL
                )
                let link = try await accounts.issuePasswordReset(.email(email), by: nil, clientAddress: nil)
                print("Password-reset link for \(link.email) (works once, for an hour):\n\(link.url)")
            } catch let failure as ValidationFailure {
                try? await store.shutdown()
                throw ValidationError(failure.errors.map(\.message).joined(separator: "\n"))
            } catch {
                try? await store.shutdown()
                throw error
            }
            try await store.shutdown()
        }
    }
}
