import ArgumentParser
import Foundation
import SuppleCore
import SuppleServer
import SuppleStore

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Work with sponsors' eligibility rosters.",
        subcommands: [Import.self]
    )

    enum Mode: String, EnumerableFlag {
        case replace, update

        static func help(for value: Mode) -> ArgumentHelp? {
            switch value {
            case .replace: "The file is the whole roster: people missing from it are covered only up to the file's date."
            case .update: "The file adds and changes people; nobody is ended (the default)."
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an eligibility file (CSV with a header row) for an organization, as one transaction.",
            discussion:
                "Columns: member_id, first_name, last_name, date_of_birth, relationship, coverage_start; optional email, postal_code, coverage_end. Prints the report; exits non-zero, changing nothing, when the file is refused."
        )

        @Option(help: "The organization's code (slug).") var org: String
        @Flag var mode: Mode = .update
        @Option(name: .customLong("as-of"), help: "The file's date, YYYY-MM-DD (default: today, UTC).") var asOf: String?
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Environment.makeLogger()
            let limits = try rosterOptions.limits()
            let day = asOf ?? CalendarDate(Date(), in: TimeZone(identifier: "UTC")!).description
            guard let asOfDay = RosterDate.validated(day) else { throw ValidationError("--as-of must be a date written YYYY-MM-DD.") }
            guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("Can't open \(file) for reading.") }
            defer { try? handle.close() }
            let store = try await database.openMigrated(logger: logger)
            do {
                guard let organization = try await store.read({ db in try await OrganizationRepository.find(slug: org, in: db) }) else {
                    throw ValidationError("No organization has the code \"\(org)\". Admins create organizations at /staff/organizations.")
                }
                guard organization.enrollmentMode == .roster else {
                    throw ValidationError("\(organization.name) enrolls by invitation (open), so it has no roster.")
                }
                let service = EligibilityService(database: store, clock: SystemClock(), limits: limits)
                let started = Date()
                let outcome = try await service.importRoster(
                    organization: organization,
                    mode: mode == .replace ? .replace : .update,
                    asOf: asOfDay,
                    fileName: URL(fileURLWithPath: file).lastPathComponent,
                    by: nil,
                    source: "cli",
                    clientAddress: nil
                ) {
                    let data = try handle.read(upToCount: 1 << 20) ?? Data()
                    return data.isEmpty ? nil : [UInt8](data)
                }
                let s = outcome.summary
                let seconds = Date().timeIntervalSince(started)
                print(
                    """
                    Imported \(file) into \(organization.name) (\(mode.rawValue), file's date \(asOfDay)) in \(String(format: "%.1f", seconds)) s:
                      rows read  \(s.rowsRead)
                      added      \(s.added)
                      updated    \(s.updated)
                      unchanged  \(s.unchanged)
                      ended      \(s.ended)
                      rejected   \(s.rejected)
                    """
                )
                let rejections = try await store.read { db in
                    try await RosterImportRepository.rejections(importID: outcome.importID, limit: 50, in: db)
                }
                for rejection in rejections { print("  line \(rejection.line): \(rejection.field) \(rejection.reason)") }
                if s.rejected > rejections.count { print("  … and \(s.rejected - rejections.count) more (see the import's page)") }
            } catch let refused as RosterImporter.Refused {
                try? await store.shutdown()
                var message = "Refused, nothing changed: \(refused.refusal.description)\n"
                for rejection in refused.rejections.prefix(20) { message += "  line \(rejection.line): \(rejection.field) \(rejection.reason)\n" }
                FileHandle.standardError.write(Data(message.utf8))
                throw ExitCode.failure
            } catch {
                try? await store.shutdown()
                throw error
            }
            try await store.shutdown()
        }
    }
}
