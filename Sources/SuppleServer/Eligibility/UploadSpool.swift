import Foundation

/// An uploaded file written to a temporary file as it arrives, then read back from disk. A slow
/// upload then costs only its connection: the import's one write transaction starts after the
/// last byte is on disk, instead of holding SQLite's single writer for as long as the upload takes.
final class UploadSpool {
    let url: URL
    private var reader: FileHandle?

    /// Copies the file out of the request until it ends or passes `limit` bytes; past the limit it
    /// stops reading (the importer then refuses the file as too large without waiting for the rest).
    static func receive(limit: Int, from nextChunk: () async throws -> [UInt8]?) async throws -> UploadSpool {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("supple-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let spool = UploadSpool(url: url)
        do {
            let writer = try FileHandle(forWritingTo: url)
            defer { try? writer.close() }
            var written = 0
            while written <= limit, let chunk = try await nextChunk() {
                try writer.write(contentsOf: chunk)
                written += chunk.count
            }
            return spool
        } catch {
            spool.remove()
            throw error
        }
    }

    private init(url: URL) { self.url = url }

    /// The next piece of the spooled file, or nil at its end.
    func nextChunk() throws -> [UInt8]? {
        if reader == nil { reader = try FileHandle(forReadingFrom: url) }
        guard let data = try reader?.read(upToCount: 256 * 1024), !data.isEmpty else { return nil }
        return [UInt8](data)
    }

    func remove() {
        try? reader?.close()
        reader = nil
        try? FileManager.default.removeItem(at: url)
    }
}
