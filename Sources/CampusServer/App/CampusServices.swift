import CampusCore
import FluentKit
import Logging
import Vapor

/// Everything a request handler needs beyond the request, built once at start-up.
final class CampusServices: Sendable {
    let config: CampusConfiguration
    let clock: CampusClock
    let tokens: TokenService
    let passwords: PasswordHasher
    let content: any ContentStore
    let rateLimiter: RateLimiter
    let outbox: OutboxSender
    let trustedProxies: IPAddressMatcher
    let loginThrottle = LoginThrottle()
    /// The LLM recommender when one is configured; nil means the built-in plan is written at submit.
    let llm: (any Recommender)?
    let recommendations: RecommendationQueue

    init(config: CampusConfiguration, clock: CampusClock, tokens: TokenService, passwords: PasswordHasher,
         content: any ContentStore, rateLimiter: RateLimiter, outbox: OutboxSender,
         llm: (any Recommender)?, logger: Logger) {
        self.config = config
        self.clock = clock
        self.tokens = tokens
        self.passwords = passwords
        self.content = content
        self.rateLimiter = rateLimiter
        self.outbox = outbox
        self.trustedProxies = IPAddressMatcher(config.trustedProxies)
        self.llm = llm
        self.recommendations = RecommendationQueue(recommender: llm ?? BuiltInRecommendations(), content: content,
                                                   rateLimiter: rateLimiter, logger: logger)
    }

    /// Published courses for weak quiz categories. The catalog arrives with the learning work; until
    /// then there is nothing to suggest.
    func courseSuggestions(_ categories: [String]) -> [CourseSuggestion] {
        []
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = CampusServices
    }

    /// The services when `configure` got far enough to set them (tests clean up after failures).
    var campusIfConfigured: CampusServices? { storage[ServicesKey.self] }

    var campus: CampusServices {
        get {
            guard let services = storage[ServicesKey.self] else {
                fatalError("Campus services are used before CampusApp.configure ran")
            }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var campus: CampusServices { application.campus }
}
