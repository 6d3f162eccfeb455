import CampusPlatform
import Vapor

/// `x-api-key` must match `CAMPUS_PUBLIC_API_KEY` when that is set.
package struct PublicAPIKey: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let expected = request.platform.config.publicAPIKey, request.headers.first(name: "x-api-key") != expected {
            throw Problem(.unauthorized, "invalid-api-key", title: "Invalid API key", detail: "Send the public test's key in x-api-key.")
        }
        return try await next.respond(to: request)
    }
}
