import Vapor

/// Headers every response carries, problems included.
package struct SecurityHeadersMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        // 0 switches off the old browsers' XSS auditor, which could itself be abused (OWASP's advice);
        // the replaced service's tests look for the header.
        response.headers.replaceOrAdd(name: "X-XSS-Protection", value: "0")
        // Answers differ by Origin (CORS headers, refusals), so no shared cache may mix them up.
        if !response.headers[.vary].contains(where: { $0.lowercased().contains("origin") }) {
            response.headers.add(name: .vary, value: "Origin")
        }
        if request.url.path.hasPrefix("/api/") && response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
