import CampusAccounts
import CampusCompatibility
import CampusPlatform
import Synchronization
import Vapor

/// The bounds of the benchmarks (`CAMPUS_BENCH_ROUTES=true`, never in production): a JSON body of a given
/// size, built once, served through the middleware chain of the public test's reads
/// (`GET /bench/static/{bytes}`) and of a signed-in read (`GET /api/v1/bench/static/{bytes}`). What a real
/// route does on top of that is what Campus adds to sending its answer.
struct BenchmarkRoutes: RouteCollection {
    static let largestBody = 8 << 20
    private let bodies = Bodies()

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-read", perMinute: 120))
            .get("bench", "static", ":bytes", use: staticBody)
        routes.grouped("api", "v1").grouped(RequireAuth()).get("bench", "static", ":bytes", use: staticBody)
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
