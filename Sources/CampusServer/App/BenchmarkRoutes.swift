import CampusAccounts
import CampusCompatibility
import CampusPlatform
import Synchronization
import Vapor

/// The bounds of the benchmarks (`CAMPUS_BENCH_ROUTES=true`, never in production): a JSON body of a given
/// size, built once, served through the middleware chain of the public test's reads
/// (`GET /bench/static/{bytes}`) and of a signed-in read (`GET /api/v1/bench/static/{bytes}`). What a real
/// route does on top of that is what Campus adds to sending its answer. `GET /api/v1/bench/statements/{n}/{bytes}`
/// first sends `n` trivial statements (`SELECT 1`) one after another through the relational driver: the floor
/// of a signed-in read that asks the store `n` times, whatever the statements are.
struct BenchmarkRoutes: RouteCollection {
    static let largestBody = 8 << 20
    private let bodies = Bodies()

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-read", perMinute: 120))
            .get("bench", "static", ":bytes", use: staticBody)
        let signedIn = routes.grouped("api", "v1").grouped(RequireAuth())
        signedIn.get("bench", "static", ":bytes", use: staticBody)
        // Run as the hottest reads run (`respondOnEventLoop`), so that it stays their floor.
        signedIn.get("bench", "statements", ":n", ":bytes") { req in req.respondOnEventLoop { try await statementsThenBody(req: req) } }
    }

    @Sendable func statementsThenBody(req: Request) async throws -> Response {
        guard let count = req.parameters.get("n", as: Int.self), (0...16).contains(count) else {
            throw Problem.validation(field: "n", "must be a whole number from 0 to 16")
        }
        for _ in 0..<count { _ = try await req.campusDB.sql.raw("SELECT 1 AS one").first() }
        return try await staticBody(req: req)
    }

    @Sendable func staticBody(req: Request) async throws -> Response {
        guard let bytes = req.parameters.get("bytes", as: Int.self), (16...Self.largestBody).contains(bytes) else {
            throw Problem.validation(field: "bytes", "must be a whole number from 16 to \(Self.largestBody)")
        }
        return Response.json(bodies.body(of: bytes))
    }

    /// `{"padding":"xx…x"}`, exactly `bytes` long, kept once made.
    final class Bodies: Sendable {
        private let made = Mutex<[Int: ByteBuffer]>([:])

        func body(of bytes: Int) -> ByteBuffer {
            made.withLock { made in
                if let body = made[bytes] { return body }
                let frame = #"{"padding":""}"#
                let body = ByteBuffer(string: frame.dropLast(2) + String(repeating: "x", count: bytes - frame.utf8.count) + #""}"#)
                made[bytes] = body
                return body
            }
        }
    }
}
