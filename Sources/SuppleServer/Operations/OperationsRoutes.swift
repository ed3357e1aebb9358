import Hummingbird
import Prometheus
import SuppleStore

/// What operators and orchestrators poll: liveness, readiness and Prometheus metrics.
/// Readiness proves the write path, within two seconds: a server that can read but not save
/// (disk full, read-only file, lock held elsewhere, PostgreSQL gone) is not ready for members.
struct OperationsRoutes {

    let database: any Database
    let registry: PrometheusCollectorRegistry
    let readinessDeadline: Duration
    /// The bearer token a Prometheus scraper sends (`SUPPLE_METRICS_TOKEN`); without one,
    /// `/metrics` is not served at all (issue 17, finding 10: route patterns and latencies are
    /// a map of the server for anyone who asks).
    let metricsToken: String?

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            plainText("ok\n", status: .ok)
        }
        router.get("/readyz") { _, context in
            do {
                try await database.checkWritable(within: readinessDeadline)
                return plainText("ready\n", status: .ok)
            } catch let fault as StoreFault {
                context.logger.warning("Not ready", metadata: ["fault": "\(fault.kind.rawValue)", "code": "\(fault.code)"])
                var answer = plainText("not ready: database \(fault.kind.rawValue)\n", status: .serviceUnavailable)
                answer.headers[.retryAfter] = "\(fault.retryAfterSeconds)"
                return answer
            } catch {
                context.logger.warning("Not ready", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
                return plainText("not ready: database write failed\n", status: .serviceUnavailable)
            }
        }
        router.get("/metrics") { request, _ in
            guard let metricsToken else { throw HTTPError(.notFound) }
            guard let sent = request.headers[.authorization], Self.matches(sent, "Bearer \(metricsToken)") else {
                return plainText("Send the metrics token as a bearer token.\n", status: .unauthorized)
            }
            return plainText(registry.emitToString(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

extension OperationsRoutes {
    /// Compares in time that does not depend on where the two differ.
    static func matches(_ sent: String, _ expected: String) -> Bool {
        let a = Array(sent.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

private func plainText(_ text: String, status: HTTPResponse.Status, contentType: String = "text/plain; charset=utf-8") -> Response {
    let buffer = ByteBuffer(string: text)
    return Response(
        status: status,
        headers: [.contentType: contentType, .contentLength: "\(buffer.readableBytes)"],
        body: .init(byteBuffer: buffer)
    )
}
