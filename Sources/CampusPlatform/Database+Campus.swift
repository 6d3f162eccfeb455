import Fluent
import FluentKit
import NIOCore
import SQLKit
import Vapor

// SQLite takes one writer at a time, and sqlite-nio's busy handler retries a locked write at once,
// forever, on a shared thread pool: with a connection per event loop, waiting writers can take every
// thread from the writer they wait for. So on SQLite Campus writes through exactly one connection (the pool
// of one event loop, size 1) and writers queue in the pool instead; plain reads go to read-only connections
// (`EmbeddedDatabase`, `SQLiteReaders`). PostgreSQL keeps a pool per loop.
extension Application {
    package struct SingleConnectionLoopKey: StorageKey {
        package init() {}

        package typealias Value = any EventLoop
    }

    /// The handle on the pinned loop's pool, made once: looking the configuration up for every request
    /// was a few percent of a request that reads one row.
    package struct PinnedDatabaseKey: StorageKey {
        package init() {}

        package typealias Value = any Database
    }

    /// PostgreSQL: a handle per event loop, made once. Building one per request (`req.db`) takes a lock
    /// and a configuration lookup (measured: docs/benchmarks.md, "Profile findings"). Handles keep no per-request state;
    /// they log through the application's logger instead of the request's.
    package struct PerLoopDatabasesKey: StorageKey {
        package init() {}

        package typealias Value = [ObjectIdentifier: any Database]
    }

    package static var singleConnectionLoopKey: SingleConnectionLoopKey.Type { SingleConnectionLoopKey.self }

    /// Call once after choosing the database and adding its model middleware (a handle keeps the
    /// configuration it was made with): pins SQLite to one event loop's pool; makes PostgreSQL's handles.
    /// `logger` is what the handles log through (and their pools report waits to).
    package func prepareDatabaseHandles(_ location: CampusConfiguration.DatabaseLocation, logger: Logger? = nil) {
        let logger = logger ?? self.logger
        if location.isEmbedded {
            let loop = eventLoopGroup.next()
            storage[SingleConnectionLoopKey.self] = loop
            storage[PinnedDatabaseKey.self] = databases.database(logger: logger, on: loop)
        } else {
            var handles: [ObjectIdentifier: any Database] = [:]
            for loop in eventLoopGroup.makeIterator() {
                handles[ObjectIdentifier(loop)] = databases.database(logger: logger, on: loop)
            }
            storage[PerLoopDatabasesKey.self] = handles
        }
    }

    /// Sends the embedded store's plain reads outside transactions to `readers` (see `EmbeddedDatabase`).
    /// Call after `prepareDatabaseHandles`.
    package func useEmbeddedReaders(_ readers: any ReadOnlyStatements & LifecycleHandler) {
        guard let pinned = storage[PinnedDatabaseKey.self] as? any Database & SQLDatabase else { return }
        storage[PinnedDatabaseKey.self] = EmbeddedDatabase(writer: pinned, readers: readers)
        lifecycle.use(readers)
    }

    /// `campusDB` for services made at start-up, without reading the application's storage (a lock every
    /// request contends for) on each call: the embedded handle is fixed, and the per-loop handles of a
    /// server database are taken in turn. Call after `prepareDatabaseHandles` and `useEmbeddedReaders`.
    package func campusDatabaseSource() -> @Sendable () -> any Database {
        if storage.contains(SingleConnectionLoopKey.self), let pinned = storage[PinnedDatabaseKey.self] {
            return { pinned }
        }
        if let handles = storage[PerLoopDatabasesKey.self], !handles.isEmpty {
            let rotation = DatabaseRotation(Array(handles.values))
            // A caller running on one of the loops (a request answered on its own loop) keeps its statements on
            // that loop: another loop's connection costs two thread hand-offs a statement. Others take turns.
            return {
                if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let own = handles[ObjectIdentifier(loop)] { return own }
                return rotation.next()
            }
        }
        return { [unowned self] in self.campusDB }
    }

    /// The relational database as Campus uses it everywhere.
    package var campusDB: any Database {
        guard let loop = storage[SingleConnectionLoopKey.self] else { return db }
        return storage[PinnedDatabaseKey.self] ?? databases.database(logger: logger, on: loop)!
    }
}

extension Request {
    private struct CampusDatabaseKey: StorageKey {
        package typealias Value = any Database
    }

    /// Made once per request: each `db` call looks the configuration up under a lock and builds a new
    /// driver wrapper (docs/benchmarks.md, "Profile findings").
    package var campusDB: any Database {
        if let database = storage[CampusDatabaseKey.self] { return database }
        let database = application.storage.contains(Application.singleConnectionLoopKey) ? application.campusDB
            : application.storage[Application.PerLoopDatabasesKey.self]?[ObjectIdentifier(eventLoop)] ?? db
        storage[CampusDatabaseKey.self] = database
        return database
    }
}
