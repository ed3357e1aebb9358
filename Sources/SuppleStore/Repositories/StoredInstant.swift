import Foundation
import SQLKit

/// Instants are stored as whole milliseconds since 1970 UTC: exact, sortable and identical on
/// SQLite and PostgreSQL.
extension Date {
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}

extension SQLRow {
    func instant(_ column: String) throws -> Date {
        Date(storedMilliseconds: try decode(column: column, as: Int64.self))
    }

    func optionalInstant(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(storedMilliseconds:))
    }
}
