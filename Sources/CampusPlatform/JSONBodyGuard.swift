import Vapor

/// Every route that takes a body takes JSON: a body of any other type is a 415 before a handler runs.
/// This also closes login CSRF through HTML forms, which can send only form or text bodies.
package struct JSONBodyGuard: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.carriesBody(request), !(request.headers.contentType.map(Self.isJSON) ?? false), MethodNotAllowed.isServed(request) {
            throw Abort(.unsupportedMediaType)
        }
        return try await next.respond(to: request)
    }

    package static func carriesBody(_ request: Request) -> Bool {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init) { return length > 0 }
        return request.headers.contains(name: .transferEncoding)
    }

    /// `application/json` and any `+json` type (`application/merge-patch+json`, `application/problem+json`).
    package static func isJSON(_ type: HTTPMediaType) -> Bool {
        type.type == "application" && (type.subType == "json" || type.subType.hasSuffix("+json"))
    }
}
