import Foundation
import Hummingbird

/// The few static files (stylesheet, script, icon, API description), read from the bundle once
/// at start-up and served from memory.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    let assets: [String: Asset]

    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "json": "application/json",
    ]

    static func loadBundled() throws -> StaticAssets {
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
            throw BundledResourceMissing(name: "Public")
        }
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let ext = (name as NSString).pathExtension
            guard let type = contentTypes[ext] else { continue }
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            assets[name] = Asset(
                body: ByteBuffer(bytes: data),
                contentType: type,
                etag: "\"\(SecretToken.hash(String(decoding: data, as: UTF8.self)).prefix(16))\""
            )
        }
        return StaticAssets(assets: assets)
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/static/{file}") { request, context in
            guard let asset = assets[try context.parameters.require("file")] else { throw HTTPError(.notFound) }
            if request.headers[.ifNoneMatch] == asset.etag {
                return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: "public, max-age=3600"])
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: asset.contentType, .contentLength: "\(asset.body.readableBytes)", .eTag: asset.etag,
                    .cacheControl: "public, max-age=3600",
                ],
                body: .init(byteBuffer: asset.body)
            )
        }
    }
}
