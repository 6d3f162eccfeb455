import CampusPlatform
import Crypto
import Foundation
import SQLKit
import Vapor

/// `GET /metrics`: Prometheus's text format, only with `Authorization: Bearer <CAMPUS_METRICS_TOKEN>`.
/// Without a configured token the route answers 404, so metrics are never public by default.
struct MetricsRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        guard let token = req.platform.config.metricsToken else { throw Problem.notFound("The metrics") }
        let given = req.headers.bearerAuthorization?.token ?? ""
        // Compared as digests so the time taken says nothing about the token.
        guard SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(token.utf8)) else { throw Problem.unauthorized }
        let metrics = req.platform.metrics
        // Queue figures are read when scraped: the outbox is rows, shared by every instance.
        if let row = try? await req.campusDB.sql.raw("""
            SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM mail_outbox WHERE status = 'pending'
            """).first() {
            metrics.gauge("campus_outbox_depth", Double((try? row.decode(column: "depth", as: Int.self)) ?? 0))
            let oldest = (try? row.decode(column: "oldest", as: Date?.self)) ?? nil
            metrics.gauge("campus_outbox_oldest_age_seconds", oldest.map { max(0, req.platform.clock.now().timeIntervalSince($0)) } ?? 0)
        }
        let response = Response(status: .ok, body: .init(string: metrics.text()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
