import Vapor

/// A path that exists under other methods answers 405 with `Allow`, not 404: the client has the right
/// address and the wrong verb. Only routing misses are looked at, never a handler's own 404.
package struct MethodNotAllowed: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let miss as RouteNotFound {
            let allowed = Self.methods(for: request.url.path, in: request.application.routes.all)
            guard !allowed.isEmpty else { throw miss }
            let list = allowed.sorted().joined(separator: ", ")
            throw Problem(.methodNotAllowed, "method-not-allowed", title: "Method not allowed",
                          detail: "\(request.method.rawValue) is not allowed here; use \(list).", headers: ["Allow": list])
        }
    }

    /// Whether some route serves this method and path (HEAD counts as GET).
    package static func isServed(_ request: Request) -> Bool {
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        let components = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return request.application.routes.all.contains { $0.method.rawValue == method && matches($0.path, components) }
    }

    package static func methods(for path: String, in routes: [Route]) -> Set<String> {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set(routes.filter { matches($0.path, components) }.map(\.method.rawValue))
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods
    }

    private static func matches(_ pattern: [PathComponent], _ components: [String]) -> Bool {
        for (index, part) in pattern.enumerated() {
            switch part {
            case .catchall:
                return components.count > index
            case .anything, .parameter:
                guard index < components.count else { return false }
            case .constant(let constant):
                guard index < components.count, components[index] == constant else { return false }
            }
        }
        return pattern.count == components.count
    }
}
