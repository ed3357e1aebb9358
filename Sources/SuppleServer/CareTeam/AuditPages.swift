import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The admin's audit view (issue 17, finding 9): who did what, when, from where, filtered by
/// staff member and by day, on a page and as CSV. Looking is itself audited.
struct AuditPages {
    let accounts: AccountService
    let pages: PageRenderer

    static let pageLimit = 500
    static let downloadLimit = 50_000

    func register(on router: Router<AppRequestContext>) {
        router.get("/staff/audit", use: show)
        router.get("/staff/audit.csv", use: download)
    }

    /// The filter as asked for: a staff member and a range of days in the admin's time zone.
    struct Filter {
        var staffID: UUID?
        var from: CalendarDate?
        var to: CalendarDate?
        var values: [String: String] = [:]

        init(_ request: Request) throws {
            var errors = FieldErrorCollector()
            let query = request.uri.queryParameters
            if let staff = query["staff"].map(String.init), !staff.isEmpty {
                staffID = UUID(uuidString: staff)
                if staffID == nil { errors.add("staff", "Choose a staff member from the list.") }
                values["staff"] = staff.lowercased()
            }
            for (name, label) in [("from", "From"), ("to", "To")] {
                guard let text = query[Substring(name)].map(String.init), !text.isEmpty else { continue }
                values[name] = String(text.prefix(10))
                guard let day = CalendarDate(iso8601: text) else {
                    errors.add(name, "\(label): enter a day as year-month-day, like 2026-12-01.")
                    continue
                }
                if name == "from" { from = day } else { to = day }
            }
            if let from, let to, to < from { errors.add("to", "To: choose a day on or after the From day.") }
            try errors.throwIfAny()
        }

        /// `[from 00:00, the day after `to` 00:00)` in the zone.
        func instants(in zone: TimeZone) -> (Date?, Date?) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            func start(_ day: CalendarDate) -> Date? { calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) }
            return (from.flatMap(start), to.flatMap(start).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) })
        }
    }

    func load(_ viewer: AccountRecord, filter: Filter, limit: Int, action: String, context: AppRequestContext) async throws -> [AuditLog.SearchEntry]
    {
        let zone = TimeZone(identifier: viewer.timeZone.identifier) ?? .gmt
        let (from, to) = filter.instants(in: zone)
        let detail = [filter.values["from"].map { "from=\($0)" }, filter.values["to"].map { "to=\($0)" }].compactMap { $0 }.joined(separator: " ")
        return try await accounts.searchAudit(
            actorID: filter.staffID,
            from: from,
            to: to,
            limit: limit,
            by: viewer,
            action: action,
            detail: detail,
            clientAddress: context.clientAddress
        )
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.exportAuditTrail).account
        let staff = try await accounts.staffAccounts()
        var data: [String: Any] = [:]
        let filter: Filter
        do {
            filter = try Filter(request)
        } catch let failure as ValidationFailure {
            data.merge(failure.templateValues) { _, new in new }
            data["staff"] = options(staff, chosen: nil)
            return try pages.page(
                "staff_audit",
                title: "Audit",
                context: context,
                status: .unprocessableContent,
                currentPath: "/staff/audit",
                data: data
            )
        }
        let entries = try await load(viewer, filter: filter, limit: Self.pageLimit, action: "admin.viewed_audit", context: context)
        var query = URLComponents()
        query.queryItems = filter.values.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        data["staff"] = options(staff, chosen: filter.staffID)
        data["values"] = filter.values
        data["count"] = "\(entries.count)"
        data["capped"] = entries.count == Self.pageLimit
        data["csvURL"] = "/staff/audit.csv" + (query.queryItems?.isEmpty == false ? "?" + (query.percentEncodedQuery ?? "") : "")
        data["entries"] = entries.map { entry -> [String: Any] in
            [
                "when": DisplayFormats.moment(entry.event.occurredAt, in: viewer.timeZone),
                "who": entry.actorName.map { "\($0) (\(entry.actorEmail ?? ""))" } ?? "(no one signed in)",
                "action": entry.event.action,
                "about": entry.subjectName ?? "",
                "detail": entry.event.detail,
                "address": entry.event.clientAddress ?? "",
            ]
        }
        return try pages.page("staff_audit", title: "Audit", context: context, currentPath: "/staff/audit", data: data)
    }

    func options(_ staff: [AccountRecord], chosen: UUID?) -> [[String: Any]] {
        staff.map { ["value": $0.id.uuidString.lowercased(), "label": "\($0.name.value), \($0.role.displayName)", "selected": $0.id == chosen] }
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.require(.exportAuditTrail).account
        let filter = try Filter(request)
        let entries = try await load(viewer, filter: filter, limit: Self.downloadLimit, action: "admin.exported_audit", context: context)
        var table = CSVTable(header: [
            "occurred_at_utc", "actor_name", "actor_email", "actor_role", "action", "subject_name", "subject_id", "detail", "client_address",
        ])
        let timestamp = ISO8601DateFormatter()
        for entry in entries {
            let event = entry.event
            table.append([
                timestamp.string(from: event.occurredAt), entry.actorName ?? "", entry.actorEmail ?? "", entry.actorRole ?? "",
                event.action, entry.subjectName ?? "", event.subjectAccountID?.uuidString.lowercased() ?? "",
                event.detail, event.clientAddress ?? "",
            ])
        }
        let buffer = ByteBuffer(string: table.text)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentLength: "\(buffer.readableBytes)", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"supple-audit.csv\"",
            ],
            body: .init(byteBuffer: buffer)
        )
    }
}
