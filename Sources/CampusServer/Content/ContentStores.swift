import CampusCore
import FluentKit
import Vapor

/// Chooses the content store implementation from the configuration.
enum ContentStores {
    static func make(config: CampusConfiguration, database: @escaping @Sendable () -> any Database,
                     app: Application) async throws -> any ContentStore {
        if config.mongoURI != nil {
            throw CampusConfiguration.Invalid(problems: [
                "CAMPUS_MONGODB_URI is set, but this build has no MongoDB support; build with `swift build --traits MongoDB` (needs libmongoc-dev)",
            ])
        }
        return RelationalContentStore(database: database)
    }
}
