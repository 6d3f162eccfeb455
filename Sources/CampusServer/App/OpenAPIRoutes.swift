import CampusPlatform
import Foundation
import Vapor

/// Serves the OpenAPI document shipped with the binary: the contract the routes are tested against.
struct OpenAPIRoutes: RouteCollection {
    static let document: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
        .flatMap { try? Data(contentsOf: $0) }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json") { _ -> Response in
            guard let document = Self.document else { throw Problem.notFound("The OpenAPI document") }
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: document))
        }
    }
}
