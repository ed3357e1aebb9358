import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// Turns a confirmed coverage check into the new member's link to their roster record.
enum CoverageLink {
    static func link(_ account: AccountRecord, pass: String, now: Date, in db: any SQLDatabase) async throws {
        let hash = SecretToken.hash(pass)
        guard let found = try await EligibilityRepository.usablePass(tokenHash: hash, now: now, in: db),
            let person = try await EligibilityRepository.person(organizationID: found.organizationID, memberID: found.memberID, in: db)
        else {
            throw ValidationFailure(
                field: "coverage",
                message: "Your coverage check has expired or was already used. Check your coverage again, then join."
            )
        }
        // The account must be the person the roster names: the birth date proves it again.
        guard account.dateOfBirth?.description == person.dateOfBirth else {
            throw ValidationFailure(
                field: "dateOfBirth",
                message: "This isn't the date of birth your coverage was confirmed with. Check it, or check your coverage again."
            )
        }
        try await EligibilityRepository.link(accountID: account.id, to: found, in: db)
        try await EligibilityRepository.usePass(tokenHash: hash, now: now, in: db)
    }
}
