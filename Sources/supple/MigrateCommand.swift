import ArgumentParser
import SuppleStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Environment.makeLogger()
        let store = try await database.location.open(logger: logger)
        do {
            let applied = try await Migrator().migrate(store, logger: logger)
            let versions = try await Migrator().appliedVersions(store)
            print(
                applied.isEmpty
                    ? "The database is up to date (schema version \(versions.last ?? 0))."
                    : "Applied \(applied.count) migration(s); schema version is now \(versions.last ?? 0)."
            )
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }
}
