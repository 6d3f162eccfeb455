import CoreMetrics
import Foundation
import Prometheus

/// The process's metrics, in Prometheus's text format at `GET /metrics`: swift-metrics types over
/// swift-prometheus, one registry per application (so tests, which run many applications in one process,
/// never share figures). Route labels are patterns, so their number is bounded by the routes.
package final class CampusMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    package init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                   .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                                   .milliseconds(2500), .seconds(5), .seconds(10)]
        self.factory = factory
    }

    /// One answered request: its count and latency by route pattern, method and status class (`2xx`…).
    package func request(route: String, method: String, status: UInt, duration: Duration) {
        let dimensions = [("route", route), ("method", method), ("status", "\(status / 100)xx")]
        CoreMetrics.Counter(label: "campus_http_requests_total", dimensions: dimensions, factory: factory).increment()
        CoreMetrics.Timer(label: "campus_http_request_duration_seconds", dimensions: dimensions, factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// One pass of a background job (`outbox`, `achievement_sweep`, `renewals`, `recommendations`), failed or not.
    package func jobRun(_ job: String, failed: Bool) {
        CoreMetrics.Counter(label: "campus_job_runs_total", dimensions: [("job", job)], factory: factory).increment()
        if failed { CoreMetrics.Counter(label: "campus_job_failures_total", dimensions: [("job", job)], factory: factory).increment() }
    }

    /// One call to the LLM provider.
    package func llmCall(failed: Bool) {
        CoreMetrics.Counter(label: "campus_llm_calls_total", dimensions: [], factory: factory).increment()
        if failed { CoreMetrics.Counter(label: "campus_llm_failures_total", dimensions: [], factory: factory).increment() }
    }

    /// The latency timer of one content-store operation on one engine (a call that reached the engine, under
    /// the cache), with its error count, to keep: making a timer looks it up in
    /// the registry under its lock, which every content read paid before.
    package func contentMeter(_ operation: String, engine: String) -> ContentMeter {
        let dimensions = [("operation", operation), ("engine", engine)]
        return ContentMeter(timer: CoreMetrics.Timer(label: "campus_content_store_duration_seconds", dimensions: dimensions, factory: factory),
                            dimensions: dimensions, factory: factory)
    }

    package struct ContentMeter: Sendable {
        fileprivate let timer: CoreMetrics.Timer
        fileprivate let dimensions: [(String, String)]
        fileprivate let factory: PrometheusMetricsFactory

        package func record(_ duration: Duration, failed: Bool) {
            timer.recordNanoseconds(duration.nanoseconds)
            if failed {
                CoreMetrics.Counter(label: "campus_content_store_errors_total", dimensions: dimensions, factory: factory).increment()
            }
        }
    }

    /// A database request that had to queue for a pooled connection, and one that gave up waiting.
    package func databasePoolWait(timedOut: Bool) {
        CoreMetrics.Counter(label: timedOut ? "campus_db_pool_wait_timeouts_total" : "campus_db_pool_waits_total",
                            dimensions: [], factory: factory).increment()
    }

    /// Figures read at scrape time (queue depth and age).
    package func gauge(_ label: String, _ value: Double) {
        CoreMetrics.Gauge(label: label, dimensions: [], factory: factory).record(value)
    }

    package func text() -> String { registry.emitToString() }
}
