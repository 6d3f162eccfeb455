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
    /// Asked before anyone enrolls; payments replace it with one that knows about purchases.
    let accessPolicy: any AccessPolicy
    let userCache: UserSnapshotCache
    let sessions = SessionCache()
    let background: BackgroundWork
    let courseLabels: CourseLabels

    init(config: CampusConfiguration, clock: CampusClock, tokens: TokenService, passwords: PasswordHasher,
         content: any ContentStore, rateLimiter: RateLimiter, outbox: OutboxSender,
         llm: (any Recommender)?, userCache: UserSnapshotCache, courseLabels: CourseLabels, logger: Logger) {
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
        self.accessPolicy = FreeCoursesPolicy()
        self.userCache = userCache
        self.courseLabels = courseLabels
        self.background = BackgroundWork(logger: logger)
    }

    /// Published courses of the given quiz categories (a course's category matches by slug), newest first.
    func courseSuggestions(_ categories: [String], database: any Database) async throws -> [CourseSuggestion] {
        guard !categories.isEmpty else { return [] }
        let found = try await Category.query(on: database).filter(\.$slug ~~ categories).all()
        let slugByID = Dictionary(found.compactMap { category in category.id.map { ($0, category.slug) } }, uniquingKeysWith: { first, _ in first })
        guard !slugByID.isEmpty else { return [] }
        let courses = try await Course.query(on: database).filter(\.$categoryID ~~ Array(slugByID.keys))
            .filter(\.$status == CourseStatus.published.rawValue).sort(\.$id, .descending).limit(20).all()
        return courses.compactMap { course in
            course.categoryID.flatMap { slugByID[$0] }.map {
                CourseSuggestion(title: course.title, url: "/api/v1/courses/\(course.slug)", category: $0)
            }
        }
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
