import CampusCore
import Vapor

/// The infrastructure every domain shares, built once at start-up by the app. Domains keep their own
/// services in their own module objects; this holds only what has no domain.
package final class PlatformServices: Sendable {
    package let config: CampusConfiguration
    package let clock: CampusClock
    /// The content store as domains use it: the cache in front of the engine.
    package let content: any ContentStore
    /// Values derived from cached content (parsed quizzes, encoded fragments), dropped with it.
    package let derived: any DerivedContentCache
    package let rateLimiter: RateLimiter
    package let trustedProxies: IPAddressMatcher
    package let background: BackgroundWork
    /// Where learners' activity is announced (to achievements and points).
    package let activity: ActivityHub
    /// Served at `GET /metrics` (behind `CAMPUS_METRICS_TOKEN`).
    package let metrics: CampusMetrics

    package init(config: CampusConfiguration, clock: CampusClock, content: any ContentStore, derived: any DerivedContentCache,
                 rateLimiter: RateLimiter, background: BackgroundWork, activity: ActivityHub = ActivityHub(), metrics: CampusMetrics = CampusMetrics()) {
        self.metrics = metrics
        self.config = config
        self.clock = clock
        self.content = content
        self.derived = derived
        self.rateLimiter = rateLimiter
        self.trustedProxies = IPAddressMatcher(config.trustedProxies)
        self.background = background
        self.activity = activity
    }
}

extension Application {
    package var platformIfConfigured: PlatformServices? { domainServicesIfSet() }

    package var platform: PlatformServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var platform: PlatformServices { application.platform }
}
