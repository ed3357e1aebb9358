import Foundation
import Testing

/// The module boundary docs/architecture.md draws: HTTP handlers (pages, routes, middleware)
/// reach the store only through services, so a use case has one method the web and the API share.
@Suite struct LayeringTests {
    static let serverSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SuppleServer").standardizedFileURL

    /// Calls that mean "talking to the database": a repository function, a transaction or read,
    /// an audit write, or raw SQL.
    static let storeCalls = [
        #"Repository\.[a-z]"#, #"database\.(read|transaction)"#, #"AuditLog\.(record|search|trail)"#, #"\.raw\("#, "import SQLKit",
    ]

    static func handlerFiles() throws -> [URL] {
        let enumerator = try #require(FileManager.default.enumerator(at: serverSources, includingPropertiesForKeys: nil))
        return enumerator.compactMap { $0 as? URL }.filter { url in
            let name = url.lastPathComponent
            return name.hasSuffix("Pages.swift") || name.hasSuffix("Routes.swift") || name.hasSuffix("Route.swift")
                || name.hasSuffix("Middleware.swift")
        }
    }

    @Test("no page, route or middleware file calls a repository, opens a transaction or writes SQL")
    func handlersGoThroughServices() throws {
        let files = try Self.handlerFiles()
        #expect(files.count > 30, "the handler files were not found under \(Self.serverSources.path)")
        var offences: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                for pattern in Self.storeCalls where line.range(of: pattern, options: .regularExpression) != nil {
                    offences.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }
}
