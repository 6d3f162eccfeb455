import Foundation

/// One HTTP request a learner composed for an API exercise. It never leaves the process.
public struct APIRequest: Sendable, Equatable {
    public var method: String
    /// The path with an optional query string (`/orders/7?expand=items`).
    public var path: String
    /// Names as the learner wrote them; matched case-insensitively.
    public var headers: [(name: String, value: String)]
    public var body: JSONValue?
    /// The body as sent, when it is not JSON (checked as text only).
    public var rawBody: String?

    public init(method: String, path: String, headers: [(name: String, value: String)] = [], body: JSONValue? = nil, rawBody: String? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.rawBody = rawBody
    }

    public static func == (lhs: APIRequest, rhs: APIRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body && lhs.rawBody == rhs.rawBody
            && lhs.headers.map { "\($0.name.lowercased()):\($0.value)" } == rhs.headers.map { "\($0.name.lowercased()):\($0.value)" }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The path without its query string, split into segments.
    public var segments: [Substring] {
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return pathOnly.split(separator: "/")
    }
}
