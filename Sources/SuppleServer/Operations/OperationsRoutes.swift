import Hummingbird
import Prometheus
import SuppleStore

/// What operators and orchestrators poll: liveness, readiness and Prometheus metrics.
struct OperationsRoutes {
    let database: any Database
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            plainText("ok\n", status: .ok)
        }
        router.get("/readyz") { _, _ in
            await database.isReachable()
                ? plainText("ready\n", status: .ok)
                : plainText("database unreachable\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            plainText(registry.emitToString(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

private func plainText(_ text: String, status: HTTPResponse.Status, contentType: String = "text/plain; charset=utf-8") -> Response {
    let buffer = ByteBuffer(string: text)
    return Response(status: status, headers: [.contentType: contentType, .contentLength: "\(buffer.readableBytes)"],
                    body: .init(byteBuffer: buffer))
}
