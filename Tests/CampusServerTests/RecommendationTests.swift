import CampusCore
import Foundation
import Synchronization
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

/// A local stand-in for an OpenAI-compatible provider.
final class FakeLLM: Sendable {
    let app: Application
    let port: Int
    private let calls = CallCounter()

    var callCount: Int { calls.value.withLock { $0 } }

    init(status: HTTPResponseStatus, text: String) async throws {
        app = try await Application.make(.testing)
        let counter = calls
        app.post("v1", "chat", "completions") { req async throws -> Response in
            counter.value.withLock { $0 += 1 }
            let body = try JSONSerialization.data(withJSONObject: [
                "choices": [["message": ["role": "assistant", "content": text]]],
                "error": ["message": text],
            ])
            return Response(status: status, headers: ["Content-Type": "application/json"], body: .init(data: body))
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        port = app.http.server.shared.localAddress?.port ?? 0
    }

    func shutdown() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }
}

final class CallCounter: Sendable {
    let value = Mutex(0)
}

@Suite("Recommendations")
struct RecommendationTests {
    @Test("without an LLM the built-in plan arrives with the result and names weak categories", arguments: TestEngine.available)
    func builtIn(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let result = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                                  json: ["answers": QuizFixtures.worstAnswers], token: token)
            let plan = try #require(result.jsonObject[string: "recommendations"])
            #expect(plan.contains("Databases") || plan.contains("API"))
            #expect(!plan.contains("PUT"), "the plan must not reveal the best option")
        }
    }

    @Test("an LLM plan is generated in the background and stored with the attempt", arguments: TestEngine.available)
    func llm(engine: TestEngine) async throws {
        let fake = try await FakeLLM(status: .ok, text: "Study plan from the model")
        try await withCampus(engine, configure: {
            $0.llmBaseURL = "http://127.0.0.1:\(fake.port)/v1"
            $0.llmModel = "fake-model"
            $0.llmAPIKey = "sk-test-secret"
        }) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            let result = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.worstAnswers], token: token)
            #expect(result.status == .ok)
            #expect(result.jsonObject["recommendations"] is NSNull, "recommendations must be an explicit null until ready")
            await campus.app.campus.recommendations.waitUntilIdle()
            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject[string: "recommendations"] == "Study plan from the model")
            #expect(fake.callCount == 1)
        }
        await fake.shutdown()
    }

    @Test("a provider error never reaches the user; the built-in plan stands in", arguments: TestEngine.available)
    func providerError(engine: TestEngine) async throws {
        let fake = try await FakeLLM(status: .badRequest, text: "INTERNAL PROVIDER SECRET")
        try await withCampus(engine, configure: {
            $0.llmBaseURL = "http://127.0.0.1:\(fake.port)/v1"
            $0.llmModel = "fake-model"
        }) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            _ = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.worstAnswers], token: token)
            await campus.app.campus.recommendations.waitUntilIdle()
            let read = try await campus.request(.GET, path, token: token)
            let plan = try #require(read.jsonObject[string: "recommendations"])
            #expect(!plan.contains("PROVIDER SECRET"))
            #expect(!plan.isEmpty)
        }
        await fake.shutdown()
    }
}
