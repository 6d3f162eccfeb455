/// Reads the requests a learner (or a sample solution) sends to an API exercise:
/// `[{"method": "POST", "path": "/orders", "headers": {"Content-Type": "application/json"}, "body": {…}}]`.
public enum PracticeRequests {
    public static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    public static let maximumCount = 50

    public struct Problem: Error, Equatable, Sendable {
        /// Relative to the list: `[1].method`.
        public var field: String
        public var message: String
    }

    public static func parse(_ value: JSONValue) -> Result<[APIRequest], Problem> {
        guard let items = value.arrayValue else { return .failure(Problem(field: "", message: "must be an array of requests")) }
        guard !items.isEmpty, items.count <= maximumCount else {
            return .failure(Problem(field: "", message: "must hold 1 to \(maximumCount) requests"))
        }
        var requests: [APIRequest] = []
        for (index, item) in items.enumerated() {
            let at = "[\(index)]"
            guard let object = item.objectValue else { return .failure(Problem(field: at, message: "must be an object {method, path, headers, body}")) }
            guard let method = object["method"]?.stringValue?.uppercased(), methods.contains(method) else {
                return .failure(Problem(field: at + ".method", message: "must be one of " + methods.sorted().joined(separator: ", ")))
            }
            guard let path = object["path"]?.stringValue, path.hasPrefix("/"), path.count <= 2_000,
                  !path.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                return .failure(Problem(field: at + ".path", message: "must start with / and have no spaces (at most 2000 characters)"))
            }
            var headers: [(name: String, value: String)] = []
            if let given = object["headers"], given != .null {
                guard let members = given.objectValue, members.count <= 50 else {
                    return .failure(Problem(field: at + ".headers", message: "must be an object of at most 50 header names and string values"))
                }
                for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                    guard let text = value.stringValue, !name.isEmpty, name.count <= 100, text.count <= 4_000,
                          name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
                          !text.contains(where: \.isNewline) else {
                        return .failure(Problem(field: "\(at).headers.\(name)", message: "must be a header name with a one-line string value"))
                    }
                    headers.append((name: name, value: text))
                }
            }
            var body: JSONValue?
            var rawBody: String?
            if let given = object["body"], given != .null {
                if let text = given.stringValue, let parsed = try? JSONValue.parse(text) { body = parsed; rawBody = text }
                else if let text = given.stringValue { rawBody = text }
                else { body = given }
            }
            requests.append(APIRequest(method: method, path: path, headers: headers, body: body, rawBody: rawBody))
        }
        return .success(requests)
    }
}
