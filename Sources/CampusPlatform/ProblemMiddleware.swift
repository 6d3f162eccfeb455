import CampusCore
import Vapor

/// Turns every error into `application/problem+json`. Whatever is not a `Problem` or a framework
/// HTTP error becomes a bare 500 whose body and log line name only the error's type and the request
/// id, never its description (which may carry SQL or driver text).
package struct ProblemMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            return Self.response(for: problem, request: request)
        }
    }

    package static func response(for problem: Problem, request: Request) -> Response {
        let body = ProblemBody(
            type: Problem.typeBase + problem.slug,
            title: problem.title,
            status: Int(problem.status.code),
            detail: problem.detail,
            instance: request.url.path,
            requestID: request.requestID,
            errors: problem.errors.isEmpty ? nil : problem.errors
        )
        var headers = problem.headers
        headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        let data = (try? JSONEncoder.campus.encode(body)) ?? Data()
        return Response(status: problem.status, headers: headers, body: .init(data: data))
    }

    package static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as any DomainError:
            return domain.problem
        case ContentStoreError.unavailable:
            return Problem(.serviceUnavailable, "content-store-unavailable", title: "Content store unavailable",
                           detail: "Course and quiz content cannot be reached right now; try again shortly.",
                           headers: ["Retry-After": "5"])
        case is ConnectionPoolTimeoutError:
            request.logger.warning("database connection wait timed out")
            return Problem(.serviceUnavailable, "database-busy", title: "Database busy",
                           detail: "Too many requests are waiting for the database; try again shortly.",
                           headers: ["Retry-After": "1"])
        case let error where DatabaseOutage.matches(error):
            request.logger.warning("database unreachable", metadata: ["error_type": "\(type(of: error))"])
            return DatabaseOutage.problem
        case let decoding as DecodingError:
            return Problem.validation([decoding.fieldError])
        case let abort as any AbortError:
            return problem(forStatus: abort.status, reason: abort.reason, headers: abort.headers)
        default:
            request.logger.error("unhandled error", metadata: ["error_type": "\(type(of: error))"])
            return Problem(.internalServerError, "internal-error", title: "Internal error",
                           detail: "Something went wrong on our side. Quote request id \(request.requestID ?? "-") if you report it.")
        }
    }

    package static func problem(forStatus status: HTTPResponseStatus, reason: String, headers: HTTPHeaders) -> Problem {
        switch status {
        case .notFound:
            return Problem(.notFound, "not-found", title: "Not found", detail: "No such resource.")
        case .methodNotAllowed:
            return Problem(.methodNotAllowed, "method-not-allowed", detail: "This method is not allowed here.")
        case .payloadTooLarge:
            return Problem(.payloadTooLarge, "payload-too-large", title: "Payload too large", detail: "The request body is too large.")
        case .unsupportedMediaType:
            return Problem(.unsupportedMediaType, "unsupported-media-type", title: "Unsupported media type",
                           detail: "Send the body as application/json.")
        case .badRequest:
            // Framework messages for bad requests describe the client's input, never internals.
            return Problem(.badRequest, "bad-request", title: "Bad request", detail: reason)
        case .unauthorized:
            return .unauthorized
        default:
            var problem = Problem(status, status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-"),
                                  detail: status.code < 500 ? reason : "The service could not handle this request.")
            problem.headers = headers
            return problem
        }
    }
}

extension DecodingError {
    /// The failing field as a dotted path with the reason, phrased for a client.
    package var fieldError: Problem.FieldError {
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            let joined = keys.reduce(into: "") { result, key in
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += result.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return joined.isEmpty ? "body" : joined
        }
        switch self {
        case .keyNotFound(let key, let context):
            return .init(field: path(context.codingPath, appending: key), message: "is required")
        case .valueNotFound(_, let context):
            return .init(field: path(context.codingPath), message: "must not be null")
        case .typeMismatch(let type, let context):
            return .init(field: path(context.codingPath), message: "must be \(Self.describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .init(field: "body", message: "is not valid JSON")
            }
            return .init(field: path(context.codingPath), message: "has an invalid value")
        @unknown default:
            return .init(field: "body", message: "could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "a boolean"
        default:
            "\(type)".hasPrefix("Array") ? "an array" : (("\(type)".hasPrefix("Dictionary")) ? "an object" : "of a different type")
        }
    }
}
