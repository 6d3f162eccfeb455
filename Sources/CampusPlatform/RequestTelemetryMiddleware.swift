import Vapor

/// What each request leaves behind: one log line at `info` (method, route pattern — not the path, which can
/// carry ids and codes —, status, duration and the signed-in user's id; the request id is already in the
/// logger's metadata) and its count and latency in the metrics.
package struct RequestTelemetryMiddleware: AsyncMiddleware {
    /// Reads the caller's user id without this module knowing how accounts authenticate.
    let userID: @Sendable (Request) -> String?

    package init(userID: @escaping @Sendable (Request) -> String?) {
        self.userID = userID
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        var status: UInt = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let route = Self.route(of: request)
            var metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue), "route": .string(route),
                "status": .stringConvertible(status), "duration_ms": .string(String(format: "%.1f", Double(elapsed.nanoseconds) / 1e6)),
            ]
            if let user = userID(request) { metadata["user_id"] = .string(user) }
            request.logger.info("request", metadata: metadata)
            request.application.platformIfConfigured?.metrics.request(route: route, method: request.method.rawValue,
                                                                      status: status, duration: elapsed)
        }
        do {
            let response = try await next.respond(to: request)
            status = response.status.code
            return response
        } catch let abort as any AbortError {
            status = abort.status.code
            throw abort
        }
    }

    /// `/api/v1/lessons/:lessonID`: the matched route's pattern, or `unmatched`.
    static func route(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
