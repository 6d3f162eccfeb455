import Foundation
import Testing
@testable import CampusPlatform
@testable import CampusServer

/// The bounds `benchmarks/` measures routes against: only with `CAMPUS_BENCH_ROUTES=true`, and only signed in
/// under `/api/v1`.
@Suite("Benchmark bound routes")
struct BenchmarkRoutesTests {
    @Test("a static body of the asked size, after as many statements as asked, only when enabled", arguments: TestEngine.available)
    func bounds(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.benchmarkRoutes = true }) { campus in
            let token = try #require(try await campus.register()[string: "access_token"])
            for path in ["/api/v1/bench/static/100", "/api/v1/bench/statements/3/100"] {
                let response = try await campus.request(.GET, path, token: token)
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 100)
                #expect(try await campus.request(.GET, path).status == .unauthorized)
            }
            #expect(try await campus.request(.GET, "/api/v1/bench/statements/17/100", token: token).status == .unprocessableEntity)
        }
        try await withCampus(engine) { campus in
            let token = try #require(try await campus.register()[string: "access_token"])
            #expect(try await campus.request(.GET, "/api/v1/bench/statements/1/100", token: token).status == .notFound)
        }
    }
}
