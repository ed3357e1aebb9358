import ArgumentParser
import Foundation
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Manage program admins.", subcommands: [Create.self]
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
                    database: store, hasher: PasswordHasher(cost: 12), policy: PasswordPolicy(commonPasswords: CommonPasswords.all),
                    clock: SystemClock(), links: LogLinkDelivery(logger: logger), publicBaseURL: ""
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
}
