import CampusCore
import Foundation
import Vapor

/// Refuses control characters (see `ControlCharacters`) wherever a client can put text: a path that
/// holds one names no resource (404), a query parameter or a JSON string or key that holds one is a
/// 422 naming the field. One place for every route, so no handler, store or log line ever sees them.
package struct ControlCharacterGuard: AsyncMiddleware {
    package let maximumBodySize: Int

    package init(maximumBodySize: Int) {
        self.maximumBodySize = maximumBodySize
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if path.contains("%") || ControlCharacters.contains(path) {
            guard let decoded = path.removingPercentEncoding, !ControlCharacters.contains(decoded) else {
                throw Problem.notFound("The resource")
            }
        }
        if let query = request.url.query, query.contains("%") || ControlCharacters.contains(query) {
            for item in URLComponents(string: "?" + query)?.queryItems ?? [] {
                if ControlCharacters.contains(item.name) || item.value.map(ControlCharacters.contains) == true {
                    throw Self.refused(ControlCharacters.contains(item.name) ? "query" : item.name)
                }
            }
        }
        if request.headers.contentType.map(JSONBodyGuard.isJSON) == true,
           let body = try await request.body.collect(max: maximumBodySize).get(),
           ControlCharacters.mayHideInJSON(body.readableBytesView),
           let value = try? JSONValue.parse(Data(buffer: body)),
           let field = ControlCharacters.firstPath(in: value) {
            throw Self.refused(field)
        }
        return try await next.respond(to: request)
    }

    package static func refused(_ field: String) -> Problem {
        Problem.validation(field: field, "must not contain control characters")
    }
}
