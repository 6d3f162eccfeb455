import AsyncHTTPClient
import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation
import NIOCore
import NIOHTTP1

/// A study plan from any OpenAI-compatible chat-completions endpoint (`CAMPUS_LLM_BASE_URL`).
/// Timeouts and a few retries on 429/5xx; the key goes only into the Authorization header.
package struct OpenAICompatibleRecommender: Recommender {
    package let baseURL: String
    package let apiKey: String?
    package let model: String
    package let client: HTTPClient
    package var timeout: TimeAmount = .seconds(30)
    package var retries = 2

    package init(baseURL: String, apiKey: String?, model: String, client: HTTPClient) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.client = client
    }

    package var name: String { "llm:\(model)" }

    package struct ProviderError: Error {
        package let status: UInt

        package init(status: UInt) {
            self.status = status
        }
    }

    package func recommend(_ request: RecommendationRequest) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: [
            "model": model,
            "temperature": 0.4,
            "messages": [
                ["role": "system", "content": Self.systemPrompt],
                ["role": "user", "content": Self.prompt(for: request)],
            ],
        ])
        var lastError: any Error = ProviderError(status: 0)
        for attempt in 0...retries {
            if attempt > 0 { try await Task.sleep(for: .milliseconds(250 * (1 << attempt))) }
            var httpRequest = HTTPClientRequest(url: baseURL.trimmingSuffix("/") + "/chat/completions")
            httpRequest.method = .POST
            httpRequest.headers.add(name: "Content-Type", value: "application/json")
            if let apiKey { httpRequest.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
            httpRequest.body = .bytes(ByteBuffer(data: body))
            do {
                let response = try await client.execute(httpRequest, timeout: timeout)
                let data = try await response.body.collect(upTo: 1 << 20)
                guard response.status == .ok else {
                    lastError = ProviderError(status: response.status.code)
                    if response.status == .tooManyRequests || response.status.code >= 500 { continue }
                    throw lastError
                }
                let json = try JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any]
                let choices = json?["choices"] as? [[String: Any]]
                let message = choices?.first?["message"] as? [String: Any]
                guard let text = (message?["content"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                    throw ProviderError(status: response.status.code)
                }
                return text
            } catch let error as ProviderError {
                throw error
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    package static let systemPrompt = """
        You are a mentor for system analysts. Write a concise, practical study plan in Markdown for the
        person whose assessment results follow. Name concrete topics and exercises. Do not reveal or quote
        correct answers to the questions.
        """

    /// What the model sees: level, category scores and the missed questions, never the answer key.
    package static func prompt(for request: RecommendationRequest) -> String {
        var lines = ["Quiz: \(request.quiz.title)", "Overall score: \(request.result.score)%"]
        if let level = request.result.level { lines.append("Level reached: \(level.key)") }
        if let experience = request.experience { lines.append("Experience (years): \(experience)") }
        for category in request.result.categoryScores {
            lines.append("- \(category.name): \(category.score)%")
        }
        let missed = request.result.questionScores.filter { $0.points < $0.maxPoints }.prefix(10)
        if !missed.isEmpty {
            lines.append("Questions answered poorly:")
            for score in missed {
                if let question = request.questions[score.questionID] {
                    lines.append("- [\(question.category)] \(question.text.prefix(200))")
                }
            }
        }
        if !request.courses.isEmpty {
            lines.append("Courses available on the platform: " + request.courses.map { "\($0.title) (\($0.url))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
