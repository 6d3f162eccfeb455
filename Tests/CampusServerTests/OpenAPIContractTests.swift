import Foundation
import RoutingKit
import Testing
import Vapor
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("OpenAPI document")
struct OpenAPIContractTests {
    @Test("lists exactly the routes the server registers")
    func routesMatch() async throws {
        try await withCampus(.sqlite) { campus in
            let served = Set(campus.app.routes.all.compactMap { route -> String? in
                guard route.method != .OPTIONS, !WebRoutes.serves(route.path) else { return nil }
                let path = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })

            let response = try await campus.request(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = response.jsonObject
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let methods = ["get", "put", "post", "delete", "patch", "head"]
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })

            let undocumented = served.subtracting(documented).sorted()
            let phantom = documented.subtracting(served).sorted()
            #expect(undocumented.isEmpty, "routes missing from openapi.json: \(undocumented)")
            #expect(phantom.isEmpty, "documented but not served: \(phantom)")
        }
    }

    @Test("documents a problem response for every operation that can fail")
    func problemsDocumented() async throws {
        try await withCampus(.sqlite) { campus in
            let document = try await campus.request(.GET, "/api/v1/openapi.json").jsonObject
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths where path.hasPrefix("/api/v1/") && path != "/api/v1/openapi.json" {
                for (method, operation) in operations {
                    guard let responses = (operation as? [String: Any])?["responses"] as? [String: Any] else { continue }
                    let hasError = responses.keys.contains { $0.hasPrefix("4") || $0.hasPrefix("5") }
                    #expect(hasError, "\(method.uppercased()) \(path) documents no error response")
                }
            }
        }
    }
}
