import Hummingbird
import Prometheus

/// Counts requests by route and status and records their latency in a histogram, for `/metrics`.
/// Routes are registered patterns ("/invite/{token}"), so labels stay few and hold no secrets.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "supple",
            subsystem: "http",
            metricName: "requests",
            unitName: "total",
            helpText: "HTTP requests answered, by route, method and status."
        )
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "supple",
            subsystem: "http",
            metricName: "request_duration",
            unitName: "seconds",
            helpText: "Time to answer an HTTP request."
        )
    }

    static var buckets: [Duration] {
        [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: Self.requests,
            labels: [("route", route), ("method", method), ("status", "\(response.status.code)")]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("route", route), ("method", method)],
            buckets: Self.buckets
        ).record(ContinuousClock.now - start)
        return response
    }
}
