import Foundation
import SuppleCore
import SuppleStore

/// Closing an alert from the queue, for the web page and the API alike.
enum AlertResolution {
    /// Records who resolved the alert, when, and what they did. Only an alert in the viewer's
    /// own queue can be resolved by them (checked first, so a stranger learns nothing from the
    /// form's messages); the note is required.
    static func resolve(
        _ id: UUID,
        note raw: String?,
        by viewer: AccountRecord,
        at now: Date,
        clientAddress: String?,
        in database: any Database
    ) async throws {
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await database.transaction { db in
            let visible = try await CareTeamRepository.queue(staffID: viewer.id, role: viewer.role, in: db).contains { $0.alert.id == id }
            guard visible, let alert = try await AlertRepository.find(id: id, in: db) else { throw AccessDenied() }
            guard !note.isEmpty, note.count <= 500 else {
                throw ValidationFailure(field: "note", message: "Write what you did (up to 500 characters) to resolve the alert.")
            }
            _ = try await AlertRepository.resolve(id: id, by: viewer.id, note: note, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: viewer.id,
                    action: "staff.resolved_alert",
                    subjectAccountID: alert.memberID,
                    detail: "severity=\(alert.severity.rawValue)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
    }
}
