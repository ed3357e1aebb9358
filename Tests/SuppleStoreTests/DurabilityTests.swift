import Foundation
import Logging
import SuppleStore
import Testing

/// The SQLite writer commits with the durability the operator chose: FULL unless told otherwise.
@Suite struct DurabilityTests {
    @Test(
        "SQLite commits with synchronous = FULL by default, and NORMAL only when asked",
        arguments: [
            (nil, 2), (StoreOptions.SQLiteSynchronous.normal, 1), (.full, 2),
        ] as [(StoreOptions.SQLiteSynchronous?, Int)]
    )
    func synchronousLevel(_ chosen: StoreOptions.SQLiteSynchronous?, _ expected: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-durability-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = chosen.map { StoreOptions(sqliteSynchronous: $0) } ?? StoreOptions()
        let store = try await SQLiteStore.open(
            path: folder.appendingPathComponent("d.sqlite").path,
            options: options,
            logger: Logger(label: "supple.tests")
        )
        let level = try await store.synchronousLevel()
        try await store.shutdown()
        #expect(level == expected)  // SQLite: 1 NORMAL, 2 FULL
    }
}
