import Foundation
import NIOCore
import NIOHTTP1
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

extension TestCampus {
    /// Sends a JSON request and returns the response; `token` goes in `Authorization: Bearer`.
    @discardableResult
    func request(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, rawBody: String? = nil,
                 token: String? = nil, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        } else if let rawBody {
            headers.contentType = .json
            body = ByteBuffer(string: rawBody)
        }
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Registers a user and returns the token pair body.
    func register(email: String = "ada-\(UUID().uuidString.prefix(8))@example.com",
                  password: String = "correct horse battery", name: String = "Ada") async throws -> [String: Any] {
        let response = try await request(.POST, "/api/v1/auth/register", json: ["email": email, "password": password, "name": name])
        #expect(response.status == .created, "register: \(response.body.string)")
        return response.jsonObject
    }
}

extension TestingHTTPResponse {
    var jsonObject: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var jsonArray: [Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [Any] ?? []
    }

    var problemType: String? { jsonObject["type"] as? String }
}

extension Dictionary where Key == String, Value == Any {
    subscript(string key: String) -> String? { self[key] as? String }
    subscript(object key: String) -> [String: Any]? { self[key] as? [String: Any] }
}
