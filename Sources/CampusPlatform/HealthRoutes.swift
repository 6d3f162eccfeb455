import Vapor

/// `/health/live` answers while the process runs; `/health/ready` checks each store.
package struct HealthRoutes: RouteCollection {
    package init() {}

    package struct Status: Content {
        package var status: String
        package var stores: [String: String]?

        package init(status: String, stores: [String: String]? = nil) {
            self.status = status
            self.stores = stores
        }
    }

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("health", "live") { _ in Status(status: "ok") }
        // The replaced service's probe, kept for whatever monitors it.
        routes.get("health") { _ in Status(status: "healthy") }
        routes.get("health", "ready", use: ready)
    }

    @Sendable package func ready(req: Request) async throws -> Response {
        async let relational: Bool = Self.reachable { _ = try await req.campusDB.sql.raw("SELECT 1 AS one").all() }
        async let content: Bool = Self.reachable { try await req.platform.content.ping() }
        let stores = [
            "relational": await relational ? "ok" : "unavailable",
            "content": await content ? "ok" : "unavailable",
        ]
        let down = stores.filter { $0.value != "ok" }.keys.sorted()
        guard down.isEmpty else {
            throw Problem(.serviceUnavailable, "store-unavailable", title: "Not ready",
                          detail: "Unreachable store: \(down.joined(separator: ", ")).")
        }
        let response = Response(status: .ok)
        try response.content.encode(Status(status: "ok", stores: stores))
        return response
    }

    private static func reachable(_ probe: @Sendable () async throws -> Void) async -> Bool {
        do {
            try await probe()
            return true
        } catch {
            return false
        }
    }
}
