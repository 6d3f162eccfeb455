import Logging

/// Counts database requests that queued for a pooled connection. async-kit's pool offers no hook for this,
/// but it tells the logger of each request it had to put on its wait list when that request is served,
/// and when one gives up waiting; the database handles log through this handler, which counts those two
/// messages and passes everything at the process's level on unchanged. Its own level is `debug` at most,
/// which on the database path adds no message: the drivers log queries at `trace`.
package struct PoolWaitLogHandler: LogHandler {
    private var inner: any LogHandler
    private let metrics: CampusMetrics

    package static func logger(wrapping logger: Logger, metrics: CampusMetrics) -> Logger {
        var wrapped = Logger(label: logger.label) { _ in PoolWaitLogHandler(inner: logger.handler, metrics: metrics) }
        wrapped.logLevel = min(logger.logLevel, .debug)
        return wrapped
    }

    private init(inner: any LogHandler, metrics: CampusMetrics) {
        self.inner = inner
        self.metrics = metrics
    }

    package var logLevel: Logger.Level = .debug

    package var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    package func log(event: LogEvent) {
        if event.level == .debug, event.message.description == "Servicing connection waitlist item" {
            metrics.databasePoolWait(timedOut: false)
        } else if event.level == .error, event.message.description.hasPrefix("Connection request timed out") {
            metrics.databasePoolWait(timedOut: true)
        }
        if event.level >= inner.logLevel {
            inner.log(event: event)
        }
    }
}
