import Vapor

/// Each domain keeps its long-lived services (caches, queues, the hasher) in one object that the app
/// builds at start-up and stores here, one slot per type. Only the owning domain reads its slot.
extension Application {
    private struct DomainServicesKey<Services: Sendable>: StorageKey {
        typealias Value = Services
    }

    package func domainServices<Services: Sendable>(_ type: Services.Type = Services.self) -> Services {
        guard let services = storage[DomainServicesKey<Services>.self] else {
            fatalError("\(Services.self) is used before CampusApp.configure set it")
        }
        return services
    }

    /// nil until the app has set them (tests clean up after a failed start).
    package func domainServicesIfSet<Services: Sendable>(_ type: Services.Type = Services.self) -> Services? {
        storage[DomainServicesKey<Services>.self]
    }

    package func setDomainServices<Services: Sendable>(_ services: Services) {
        storage[DomainServicesKey<Services>.self] = services
    }
}
