import Foundation
import SuppleCore
import SuppleStore

extension EligibilityService {
    /// Imports a roster file for an organization, recording who did it in the audit log in the
    /// same transaction. A refusal is audited too, in a transaction of its own, since nothing
    /// else is written.
    public func importRoster(
        organization: OrganizationRepository.Organization,
        mode: RosterImportMode,
        asOf: String,
        fileName: String,
        by actor: UUID?,
        source: String,
        clientAddress: String?,
        nextChunk: () async throws -> [UInt8]?
    ) async throws -> RosterImporter.Outcome {
        let now = clock.now()
        let request = RosterImporter.Request(
            organizationID: organization.id,
            mode: mode,
            asOf: asOf,
            fileName: fileName,
            importedBy: actor,
            source: source,
            now: now
        )
        do {
            return try await RosterImporter(database: database, limits: limits).run(request, nextChunk: nextChunk) { db, outcome in
                let s = outcome.summary
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: actor,
                        action: "admin.imported_roster",
                        subjectAccountID: nil,
                        detail:
                            "org=\(organization.slug) mode=\(mode.rawValue) read=\(s.rowsRead) added=\(s.added) updated=\(s.updated) unchanged=\(s.unchanged) ended=\(s.ended) rejected=\(s.rejected)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
        } catch let refused as RosterImporter.Refused {
            try await database.transaction { db in
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: actor,
                        action: "admin.roster_import_refused",
                        subjectAccountID: nil,
                        detail: "org=\(organization.slug) mode=\(mode.rawValue)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
            throw refused
        }
    }
}
