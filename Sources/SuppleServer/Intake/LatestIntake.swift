import Foundation
import SuppleCore
import SuppleStore

/// The member's last submitted intake as the engine reads it: what the plan editor, the
/// progression engine's limits and the weekly safety check all start from.
enum LatestIntake {
    /// Nil if there is none, or if it no longer parses.
    static func read(_ memberID: UUID, from database: any Database) async throws -> Intake? {
        guard let stored = try await database.read({ db in try await IntakeRepository.latestSubmitted(accountID: memberID, in: db) }) else {
            return nil
        }
        return try? IntakeParser.parse(Data(stored.answers.utf8))
    }
}
