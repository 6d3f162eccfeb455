import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation
import Logging
import Synchronization

/// Generates LLM study plans after submission, in the background, and stores them with the attempt's
/// details. Each call costs money, so it is limited per user and per client address; past the limit,
/// or when the provider fails, the built-in plan is stored instead. A submit never waits for it.
package final class RecommendationQueue: Sendable {
    package let recommender: any Recommender
    package let content: any ContentStore
    package let rateLimiter: RateLimiter
    package let logger: Logger
    package let perUserPerHour: Int
    package let perAddressPerHour: Int
    package let metrics: CampusMetrics?
    private let inFlight = Mutex<[UUID: Task<Void, Never>]>([:])

    package init(recommender: any Recommender, content: any ContentStore, rateLimiter: RateLimiter, logger: Logger,
         perUserPerHour: Int = 10, perAddressPerHour: Int = 30, metrics: CampusMetrics? = nil) {
        self.metrics = metrics
        self.recommender = recommender
        self.content = content
        self.rateLimiter = rateLimiter
        self.logger = logger
        self.perUserPerHour = perUserPerHour
        self.perAddressPerHour = perAddressPerHour
    }

    package func enqueue(attemptID: UUID, userID: UUID?, clientAddress: String? = nil, request: RecommendationRequest) {
        // Created under the lock so the task cannot finish (and remove itself) before it is recorded;
        // a finished task left in the table would keep waitUntilIdle() spinning.
        inFlight.withLock { tasks in
            // On the global pool even when a submit answered on its event loop queues it.
            tasks[attemptID] = Task(executorPreference: globalConcurrentExecutor) { [self] in
                let text = await generate(userID: userID, clientAddress: clientAddress, request: request)
                await store(text, attemptID: attemptID)
                _ = inFlight.withLock { $0.removeValue(forKey: attemptID) }
            }
        }
    }

    /// For tests and shutdown: waits until every queued plan is stored.
    package func waitUntilIdle() async {
        while let task = inFlight.withLock({ $0.values.first }) {
            await task.value
        }
    }

    private func generate(userID: UUID?, clientAddress: String?, request: RecommendationRequest) async -> String {
        let fallback = (try? await BuiltInRecommendations().recommend(request)) ?? ""
        do {
            if let userID, try await rateLimiter.hit("llm:user:\(userID.wireString)", limit: perUserPerHour, window: 3600) != nil {
                return fallback
            }
            if let clientAddress, try await rateLimiter.hit("llm:addr:\(clientAddress)", limit: perAddressPerHour, window: 3600) != nil {
                return fallback
            }
            let text = try await recommender.recommend(request)
            metrics?.llmCall(failed: false)
            return text.isEmpty ? fallback : text
        } catch {
            metrics?.llmCall(failed: true)
            // The provider's own words never reach the user; only the error's type reaches the log.
            logger.warning("recommendation provider failed; using the built-in plan",
                           metadata: ["recommender": .string(recommender.name), "error_type": "\(type(of: error))"])
            return fallback
        }
    }

    private func store(_ text: String, attemptID: UUID) async {
        let id = QuizAttempt.detailsID(for: attemptID)
        do {
            guard var document = try await content.get(ContentCollection.attemptDetails, id: id) else { return }
            document["recommendations"] = .string(text)
            try await content.upsert(ContentCollection.attemptDetails, id: id, document: document)
        } catch {
            logger.error("could not store recommendations", metadata: ["attempt_id": .string(attemptID.wireString)])
        }
    }
}
