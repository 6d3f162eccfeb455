import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusPlatform
@testable import CampusServer

/// Every route that takes a body, sent what a hostile or broken client sends: never a 5xx, and every
/// refusal a problem+json.
@Suite("Hostile bodies on every JSON route")
struct HostileBodyTests {
    static let bodies: [(name: String, bytes: [UInt8])] = [
        ("oversized", Array(("{\"a\":\"" + String(repeating: "x", count: (1 << 20) + 1_000) + "\"}").utf8)),
        ("deeply nested", Array((String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)).utf8)),
        ("deeply nested objects", Array((String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000)).utf8)),
        ("invalid UTF-8", [UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "a"), UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "\""), 0xFF, 0xFE, 0xC3, UInt8(ascii: "\""), UInt8(ascii: "}")]),
        ("truncated", Array(#"{"email": "a@example.com", "pass"#.utf8)),
        ("array", Array("[1, 2, 3]".utf8)),
        ("number", Array("12345678901234567890123".utf8)),
        ("string", Array(#""just a string""#.utf8)),
        ("null", Array("null".utf8)),
        ("wrong types", Array(#"{"email": 5, "password": [], "name": {}, "title": 7, "answers": "x", "course_id": [], "provider": 1, "code": false, "rule": 3, "price_minor": "many", "amount": 1.5, "limit": -1, "status": null}"#.utf8)),
        ("huge numbers", Array(#"{"amount": 1e400, "price_minor": 99999999999999999999999, "points": -1e308}"#.utf8)),
    ]

    @Test("no JSON route answers 5xx to a broken or hostile body, and each refusal is problem+json")
    func hostileBodies() async throws {
        try await withCampus(.sqlite) { campus in
            let admin = try await campus.user(.admin)
            let routes = campus.app.routes.all.filter { [.POST, .PUT, .PATCH].contains($0.method) }
            #expect(routes.count > 30)
            var failures: [String] = []
            for route in routes {
                let path = "/" + route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter: "01a23eb3-0000-7000-8000-000000000000"
                    default: "x"
                    }
                }.joined(separator: "/")
                for body in Self.bodies {
                    var headers = HTTPHeaders()
                    headers.contentType = .json
                    headers.bearerAuthorization = BearerAuthorization(token: admin.token)
                    let response = try await campus.app.testing().sendRequest(route.method, path, headers: headers, body: ByteBuffer(bytes: body.bytes))
                    let problem = response.headers.contentType?.description.hasPrefix("application/problem+json") == true
                    if response.status.code >= 500 || (response.status.code >= 400 && !problem) {
                        failures.append("\(route.method) \(path) with \(body.name): \(response.status.code) \(response.body.string.prefix(120))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }
}
