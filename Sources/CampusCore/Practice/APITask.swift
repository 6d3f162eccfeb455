/// An API exercise: a mock API defined by the author, the learner's requests, and checks on what the
/// mock answered them.
public struct APITask: Sendable, Equatable {
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]
        public var body: JSONValue?

        public init(status: Int, headers: [String: String] = [:], body: JSONValue? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    public struct Expectations: Sendable, Equatable {
        /// Lower-cased header name → the exact value, or nil for "present with any value".
        public var headers: [String: String?]
        public var rules: [JSONRule]
        public var schema: JSONValue?

        public init(headers: [String: String?] = [:], rules: [JSONRule] = [], schema: JSONValue? = nil) {
            self.headers = headers
            self.rules = rules
            self.schema = schema
        }

        public var isEmpty: Bool { headers.isEmpty && rules.isEmpty && schema == nil }
    }

    public struct Route: Sendable, Equatable {
        public var name: String
        public var method: String
        /// `/orders/{id}`: a `{name}` segment matches any one segment.
        public var path: String
        public var expect: Expectations
        public var response: Response
        /// What the mock answers when an expectation fails; nil: 400 with the failed messages.
        public var rejection: Response?

        public init(name: String, method: String, path: String, expect: Expectations = Expectations(), response: Response, rejection: Response? = nil) {
            self.name = name
            self.method = method
            self.path = path
            self.expect = expect
            self.response = response
            self.rejection = rejection
        }

        var patternSegments: [Substring] { path.split(separator: "/") }
    }

    public struct Check: Sendable, Equatable {
        public var name: String
        public var route: String
        /// nil: the route's success status.
        public var status: Int?
        /// Only requests after the one that passed this check count.
        public var after: String?
        public var message: LocalizedText

        public init(name: String, route: String, status: Int? = nil, after: String? = nil, message: LocalizedText) {
            self.name = name
            self.route = route
            self.status = status
            self.after = after
            self.message = message
        }
    }

    public var baseURL: String?
    public var routes: [Route]
    public var checks: [Check]
    public var maxRequests: Int
    public var sampleSolution: [APIRequest]

    public static let requestRange = 1...50

    public init(baseURL: String? = nil, routes: [Route], checks: [Check], maxRequests: Int = 10, sampleSolution: [APIRequest]) {
        self.baseURL = baseURL
        self.routes = routes
        self.checks = checks
        self.maxRequests = maxRequests
        self.sampleSolution = sampleSolution
    }
}
