import CampusCore
import Vapor

extension Response {
    /// A JSON document written as it is (key order and number kinds kept), not through `Codable`.
    package static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        response.headers.contentType = .json
        response.body = .init(string: try value.jsonText())
        return response
    }
}
