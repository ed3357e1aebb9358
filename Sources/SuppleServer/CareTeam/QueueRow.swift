import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// One line of the staff queue: an open alert, or a member's unread messages. Emergency and
/// urgent alerts come first; a member waiting for an answer ranks with routine clinical work,
/// ahead of coaching follow-ups; within a rank, longest waiting first.
struct QueueRow: Equatable {
    let alertID: UUID?
    let memberID: UUID
    let memberName: String
    let reason: String
    /// The pill: the alert's severity, or "message".
    let label: String
    let rank: Int
    let since: Date

    /// The viewer's queue now. Silence is noticed when someone looks: quiet members become coach
    /// alerts first.
    /// The viewer's queue. Opening it is audited (it names members and why they need someone),
    /// with how many rows it showed.
    static func load(for viewer: AccountRecord, now: Date, clientAddress: String?, in db: any SQLDatabase) async throws -> [QueueRow] {
        try await CareTeamRepository.raiseQuietMemberAlerts(
            quietSince: now.addingTimeInterval(-Double(EngagementRules.quietDays) * 86_400),
            reason: EngagementRules.quietReason,
            source: EngagementRules.quietSource,
            now: now,
            in: db
        )
        let rows = merge(
            alerts: try await CareTeamRepository.queue(staffID: viewer.id, role: viewer.role, in: db),
            threads: try await MessageRepository.unreadThreads(staffID: viewer.id, everyMember: AccessPolicy.seesWholeProgram(viewer.actor), in: db)
        )
        try await AuditLog.record(
            .init(
                occurredAt: now,
                actorID: viewer.id,
                action: "staff.viewed_queue",
                subjectAccountID: nil,
                detail: "rows=\(rows.count)",
                clientAddress: clientAddress
            ),
            in: db
        )
        return rows
    }

    static func merge(alerts: [CareTeamRepository.QueueItem], threads: [MessageRepository.UnreadThread]) -> [QueueRow] {
        let fromAlerts = alerts.map { item in
            QueueRow(
                alertID: item.alert.id,
                memberID: item.alert.memberID,
                memberName: item.memberName,
                reason: item.alert.reason,
                label: item.alert.severity.rawValue,
                rank: rank(item.alert.severity),
                since: item.alert.createdAt
            )
        }
        let fromMessages = threads.map { thread in
            QueueRow(
                alertID: nil,
                memberID: thread.memberID,
                memberName: thread.memberName,
                reason: "\(thread.unread) unread message\(thread.unread == 1 ? "" : "s") from the member",
                label: "message",
                rank: rank(.routine),
                since: thread.waitingSince
            )
        }
        // Stable: alerts arrive already ordered, and equal keys keep that order.
        return (fromAlerts + fromMessages).enumerated().sorted { a, b in
            (a.element.rank, a.element.since, a.offset) < (b.element.rank, b.element.since, b.offset)
        }.map(\.element)
    }

    /// Severity's declared order: emergency, urgent, routine, support.
    static func rank(_ severity: AlertRepository.Severity) -> Int {
        AlertRepository.Severity.allCases.firstIndex(of: severity)!
    }
}
