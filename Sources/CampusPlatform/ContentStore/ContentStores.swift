import CampusCore
import FluentKit
import Vapor
#if MongoDB
import CampusMongo
#endif

/// Chooses the content store implementation from the configuration.
package enum ContentStores {
    package static func make(config: CampusConfiguration, database: @escaping @Sendable () -> any Database,
                     app: Application) async throws -> any ContentStore {
        guard let uri = config.mongoURI else {
            return RelationalContentStore(database: database)
        }
        #if MongoDB
        // A server that is down at start does not stop Campus: accounts keep working, content calls
        // answer 503 until MongoDB is back, and the store recovers by itself.
        let store = try await MongoContentStore.connect(uri: uri, requireServer: false)
        app.lifecycle.use(MongoShutdown(store: store))
        return store
        #else
        _ = uri
        throw CampusConfiguration.Invalid(problems: [
            "CAMPUS_MONGODB_URI is set, but this build has no MongoDB support: install libmongoc-dev and run `swift run --traits MongoDB campus`",
        ])
        #endif
    }

    #if MongoDB
    /// A store for another MongoDB server, as `campus content copy --to` needs.
    package static func mongo(uri: String) async throws -> any ContentStore {
        try await MongoContentStore.connect(uri: uri)
    }

    package struct MongoShutdown: LifecycleHandler {
        package let store: MongoContentStore

        package init(store: MongoContentStore) {
            self.store = store
        }

        package func shutdownAsync(_ application: Application) async {
            await store.shutdown()
        }
    }
    #else
    package static func mongo(uri: String) async throws -> any ContentStore {
        throw CampusConfiguration.Invalid(problems: [
            "copying to MongoDB needs a build with MongoDB support: install libmongoc-dev and run `swift run --traits MongoDB campus content copy --to …`",
        ])
    }
    #endif
}
