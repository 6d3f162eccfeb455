import Vapor

/// Gives every request an id (the caller's `X-Request-ID` when it is short and plain, otherwise a new
/// one), echoes it on the response and puts it in the request's log metadata.
package struct RequestIDMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: "X-Request-ID")
        let id: String
        if let incoming, (1...64).contains(incoming.count),
           incoming.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            id = incoming
        } else {
            id = UUID.v7().uuidString.lowercased()
        }
        request.storage[RequestIDKey.self] = id
        request.logger[metadataKey: "request_id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: id)
        return response
    }
}

private struct RequestIDKey: StorageKey {
    package typealias Value = String
}

extension Request {
    package var requestID: String? { storage[RequestIDKey.self] }
}
