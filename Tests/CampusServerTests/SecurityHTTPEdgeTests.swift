import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// What the HTTP parser refuses gets an answer, and the server keeps serving (issue 19, item 13).
@Suite("Security: HTTP edges")
struct SecurityHTTPEdgeTests {
    @Test("unknown methods, CONNECT and oversized headers get 405 and 431; the server serves on")
    func edges() async throws {
        try await withCampus(.sqlite) { campus in
            try await campus.app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(CampusHTTPServer.running(in: campus.app)?.localAddress?.port)

            let unknown = try await RawHTTPClient.exchange(port: port, "FOO /health/live HTTP/1.1\r\nHost: campus\r\n\r\n")
            #expect(unknown.hasPrefix("HTTP/1.1 405"), "\(unknown.prefix(200))")
            #expect(unknown.contains("application/problem+json"))
            #expect(unknown.lowercased().contains("allow: "))

            // CONNECT stops the parser: the answer says so by closing, and a request after it is never stranded
            let connect = try await RawHTTPClient.exchange(port: port,
                "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nGET /health/live HTTP/1.1\r\nHost: campus\r\n\r\n")
            #expect(connect.hasPrefix("HTTP/1.1 405"), "\(connect.prefix(200))")
            #expect(connect.lowercased().contains("connection: close"))

            let bigHeader = "X-Filler: " + String(repeating: "a", count: 100_000)
            let large = try await RawHTTPClient.exchange(port: port, "GET /health/live HTTP/1.1\r\nHost: campus\r\n\(bigHeader)\r\n\r\n")
            #expect(large.hasPrefix("HTTP/1.1 431"), "\(large.prefix(200))")

            let pipelined = try await RawHTTPClient.exchange(port: port,
                "GET /health/live HTTP/1.1\r\nHost: campus\r\n\r\nHEAD /health/live HTTP/1.1\r\nHost: campus\r\nConnection: close\r\n\r\n")
            #expect(pipelined.components(separatedBy: "HTTP/1.1 200").count == 3, "\(pipelined)")
            #expect(pipelined.lowercased().contains("date: "))

            let trace = try await RawHTTPClient.exchange(port: port, "TRACE / HTTP/1.1\r\nHost: campus\r\nConnection: close\r\n\r\n")
            #expect(trace.hasPrefix("HTTP/1.1 405"))
            await campus.app.server.shutdown()
        }
    }
}
