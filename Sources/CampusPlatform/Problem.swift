import Vapor

/// An RFC 9457 problem a handler or service can throw. `slug` is the stable part of `type`.
public struct Problem: Error, Sendable {
    public struct FieldError: Content, Equatable, Sendable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        /// `new_password` + "must be at least 12 characters" → "New password must be at least 12 characters."
        package var sentence: String {
            let name = field.replacingOccurrences(of: "_", with: " ")
            let text = name.prefix(1).uppercased() + name.dropFirst() + " " + message
            return text.hasSuffix(".") ? text : text + "."
        }
    }

    public var status: HTTPResponseStatus
    public var slug: String
    public var title: String
    public var detail: String
    public var errors: [FieldError] = []
    public var headers: HTTPHeaders = [:]
    public var extra: [String: String] = [:]

    public init(_ status: HTTPResponseStatus, _ slug: String, title: String? = nil, detail: String,
                errors: [FieldError] = [], headers: HTTPHeaders = [:]) {
        self.status = status
        self.slug = slug
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    public static let typeBase = "https://campus.dev/problems/"

    /// One field's problem reads as a sentence a front end can show as it is ("Password must be at
    /// least 12 characters."); several are listed with their fields.
    public static func validation(_ errors: [FieldError], detail: String? = nil) -> Problem {
        let summary = if errors.count == 1, let only = errors.first { only.sentence }
                      else { errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
        return Problem(.unprocessableEntity, "validation-failed", title: "Validation failed",
                       detail: detail ?? summary, errors: errors)
    }

    public static func validation(field: String, _ message: String) -> Problem {
        validation([FieldError(field: field, message: message)])
    }

    public static func notFound(_ what: String) -> Problem {
        Problem(.notFound, "not-found", title: "Not found", detail: "\(what) was not found.")
    }

    public static let unauthorized = Problem(.unauthorized, "unauthorized", title: "Unauthorized",
                                             detail: "Sign in to continue: the access token is missing, invalid or expired.",
                                             headers: ["WWW-Authenticate": "Bearer"])

    public static let forbidden = Problem(.forbidden, "forbidden", title: "Forbidden",
                                          detail: "Your role does not allow this action.")

    public static func conflict(_ slug: String, _ detail: String) -> Problem {
        Problem(.conflict, slug, title: "Conflict", detail: detail)
    }

    public static func rateLimited(retryAfter seconds: Int, detail: String = "Too many requests; try again later.") -> Problem {
        Problem(.tooManyRequests, "rate-limited", title: "Too many requests", detail: detail,
                headers: ["Retry-After": String(seconds)])
    }
}

/// The wire form of a problem.
package struct ProblemBody: Content {
    package var type: String
    package var title: String
    package var status: Int
    package var detail: String
    package var instance: String?
    package var requestID: String?
    package var errors: [Problem.FieldError]?

    package init(type: String, title: String, status: Int, detail: String, instance: String? = nil, requestID: String? = nil, errors: [Problem.FieldError]? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.requestID = requestID
        self.errors = errors
    }

    package enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case requestID = "request_id"
    }
}
