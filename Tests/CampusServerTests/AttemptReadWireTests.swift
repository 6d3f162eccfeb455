import CampusCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// The attempt read is sent as parts (the kept encoding of its plan between bytes written per request):
/// over a real connection it must arrive as one exact body, the same one the in-process answer gives.
@Suite("Attempt read over the wire")
struct AttemptReadWireTests {
    @Test("an attempt in progress arrives whole, with a Content-Length that matches; HEAD sends none of it")
    func partsArriveWhole() async throws {
        try await withCampus(.sqlite) { campus in
            try await QuizFixtures.load(into: campus, shuffle: true)
            let token = try await campus.register()[string: "access_token"] ?? ""
            let started = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
            let attemptID = try #require(started.jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            #expect(try await campus.request(.PUT, path + "/answers", json: ["answers": ["api-2": ["b"]]], token: token).status == .ok)
            let inProcess = try await campus.request(.GET, path, token: token)
            #expect(inProcess.status == .ok)

            try await campus.app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(CampusHTTPServer.running(in: campus.app)?.localAddress?.port)
            let request = "GET \(path) HTTP/1.1\r\nHost: campus\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
            let answer = try await RawHTTPClient.exchange(port: port, request)
            let parts = answer.components(separatedBy: "\r\n\r\n")
            #expect(parts.count == 2)
            let head = parts[0].lowercased(), body = parts.dropFirst().joined(separator: "\r\n\r\n")
            #expect(head.hasPrefix("http/1.1 200"))
            #expect(head.contains("content-length: \(body.utf8.count)\r\n"))
            #expect(head.contains("content-type: application/json"))
            #expect(try JSONValue.parse(body) == JSONValue.parse(Data(buffer: inProcess.body)))
            #expect(try JSONValue.parse(body).objectValue?["answers"] == ["api-2": ["b"]])

            let headAnswer = try await RawHTTPClient.exchange(port: port, "HEAD" + request.dropFirst(3))
            #expect(headAnswer.lowercased().contains("content-length: \(body.utf8.count)\r\n"))
            #expect(headAnswer.hasSuffix("\r\n\r\n"))
            await campus.app.server.shutdown()
        }
    }
}
