import ArgumentParser
import SuppleServer
import SuppleStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Load demo data into the database.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Environment.makeLogger()
        let store = try await database.openMigrated(logger: logger)
        do {
            let added = try await DemoData.load(into: store, hasher: PasswordHasher(cost: 12))
            print(added ? "Demo data loaded." : "Demo data was already there; nothing changed.")
            print("Demo sign-ins (password for all: \(DemoData.password)):")
            for signIn in DemoData.signIns { print("  \(signIn.role.displayName): \(signIn.email)") }
        } catch let refused as DemoData.RefusedIntoRealDatabase {
            try? await store.shutdown()
            throw ValidationError(refused.description)
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }
}
