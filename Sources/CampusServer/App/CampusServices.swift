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

    init(config: CampusConfiguration, clock: CampusClock, tokens: TokenService, passwords: PasswordHasher,
         content: any ContentStore, rateLimiter: RateLimiter, outbox: OutboxSender) {
        self.config = config
        self.clock = clock
        self.tokens = tokens
        self.passwords = passwords
        self.content = content
        self.rateLimiter = rateLimiter
        self.outbox = outbox
        self.trustedProxies = IPAddressMatcher(config.trustedProxies)
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = CampusServices
    }

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
