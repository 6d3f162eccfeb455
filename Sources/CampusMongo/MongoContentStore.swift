#if MongoDB
import CMongoC
import CampusCore
import NIOConcurrencyHelpers
import NIOPosix

/// The production content store: one MongoDB collection per content collection, each document stored
/// as `{_id: <content id>, …body}` through the official C driver (libmongoc).
///
/// libmongoc is blocking, so every driver call runs on a small thread pool of the store's own, never on
/// a Swift task's executor or an event loop. One client pool serves the whole process.
public final class MongoContentStore: ContentStore {
    public var engineName: String { "mongodb" }

    /// Tests make a batch fail part-way through to prove it rolls back; nil in production.
    public var faultInjection: (@Sendable (_ writeIndex: Int) throws -> Void)? {
        get { fault.withLockedValue { $0 } }
        set { fault.withLockedValue { $0 = newValue } }
    }

    private let pool: ClientPool
    private let threads: NIOThreadPool
    private let databaseName: String
    private let fault = NIOLockedValueBox<(@Sendable (Int) throws -> Void)?>(nil)
    private let stopped = NIOLockedValueBox(false)
    private let indexesReady = NIOLockedValueBox(false)

    private init(pool: ClientPool, threads: NIOThreadPool, databaseName: String) {
        self.pool = pool
        self.threads = threads
        self.databaseName = databaseName
    }

    deinit {
        // Nothing can be running here (every caller of `run` holds the store), so a store dropped
        // without `shutdown()` can release its threads and connections at once.
        if !stopped.withLockedValue({ $0 }) {
            threads.shutdownGracefully { _ in }
            pool.destroy()
        }
    }

    /// Connects and creates the indexes Campus queries by. With `requireServer` (the default) it throws
    /// `ContentStoreError.unavailable` when no server answers within the server-selection timeout (2 s
    /// unless the URI sets one). Without it, a server that is down at start is tolerated: Campus starts,
    /// content calls answer `unavailable` until the server is back, and the indexes are created then.
    public static func connect(uri: String, threadCount: Int = 4, requireServer: Bool = true) async throws -> MongoContentStore {
        _ = mongocInitialized
        let (pool, database) = try ClientPool.make(uri: uri)
        let threads = NIOThreadPool(numberOfThreads: threadCount)
        threads.start()
        let store = MongoContentStore(pool: pool, threads: threads, databaseName: database)
        do {
            try await store.ensureIndexes()
        } catch ContentStoreError.unavailable where !requireServer {
            return store
        } catch {
            await store.shutdown()
            throw error
        }
        return store
    }

    /// Creates the indexes once per store; later calls return at once. Idempotent on the server too.
    func ensureIndexes() async throws {
        guard !indexesReady.withLockedValue({ $0 }) else { return }
        try await run(ensuringIndexes: false) { connection in
            for (collection, keys) in Self.indexes {
                let name = keys.joined(separator: "_1_") + "_1"
                let key = keys.map { "\(ExtendedJSON.text(.string($0))):1" }.joined(separator: ",")
                try connection.command("""
                    {"createIndexes":\(ExtendedJSON.text(.string(collection))),\
                    "indexes":[{"key":{\(key)},"name":\(ExtendedJSON.text(.string(name)))}]}
                    """)
            }
        }
        indexesReady.withLockedValue { $0 = true }
    }

    /// The fields Campus looks documents up by, besides `_id`.
    static let indexes: [(String, [String])] = [
        (ContentCollection.questions, ["category"]),
        (ContentCollection.lessons, ["course_id"]),
        (ContentCollection.attemptDetails, ["user_id", "quiz_id"]),
        (ContentCollection.quizzes, ["slug"]),
    ]

    /// Stops the threads and closes every connection; later calls throw `ContentStoreError.unavailable`.
    public func shutdown() async {
        guard stopped.withLockedValue({ wasStopped in
            defer { wasStopped = true }
            return !wasStopped
        }) else { return }
        // Graceful: running work items finish before the pool they use is destroyed.
        try? await threads.shutdownGracefully()
        pool.destroy()
    }

    public func get(_ collection: String, id: String) async throws -> JSONObject? {
        try await getMany(collection, ids: [id])[id]
    }

    /// A projection: the server sends only the members asked for.
    public func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        try MongoQuery.checkName(collection)
        for member in members { try MongoQuery.checkName(member) }
        let filter = "{\"_id\":\(ExtendedJSON.text(.string(id)))}"
        // With no member asked for, `_id` alone still tells whether the document exists.
        let fields = Set(members).sorted().map { ExtendedJSON.text(.string($0 == "_id" ? ExtendedJSON.bodyIDField : $0)) + ":1" }
        let options = "{\"projection\":{\((fields.isEmpty ? ["\"_id\":1"] : fields).joined(separator: ","))},\"limit\":1}"
        return try await run { connection in
            try connection.find(collection, filter: filter, options: options).first?.body
        }
    }

    public func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        try MongoQuery.checkName(collection)
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await run { connection in
            var found: [String: JSONObject] = [:]
            // Chunked so a huge id list stays far below the 16 MB command limit.
            for start in stride(from: 0, to: unique.count, by: 1_000) {
                let chunk = unique[start..<min(start + 1_000, unique.count)]
                let list = chunk.map { ExtendedJSON.text(.string($0)) }.joined(separator: ",")
                for document in try connection.find(collection, filter: "{\"_id\":{\"$in\":[\(list)]}}") {
                    found[document.id] = document.body
                }
            }
            return found
        }
    }

    public func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        try MongoQuery.checkName(collection)
        let stored = ExtendedJSON.storedDocument(id: id, body: document)
        try await run { connection in
            try connection.replace(collection, id: id, with: try BSONDocument(json: stored))
        }
    }

    @discardableResult
    public func delete(_ collection: String, id: String) async throws -> Bool {
        try MongoQuery.checkName(collection)
        return try await run { connection in try connection.delete(collection, id: id) }
    }

    public func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try MongoQuery.checkName(collection)
        let filterText = try MongoQuery.filter(filter, after: after)
        // MongoDB reads limit 0 as "no limit"; the contract means "nothing".
        guard limit > 0 else { return [] }
        // `_id` strings compare bytewise (simple binary collation), the order the SQL stores use too.
        let options = "{\"sort\":{\"_id\":1},\"limit\":\(limit)}"
        return try await run { connection in
            try connection.find(collection, filter: filterText, options: options)
        }
    }

    public func write(_ batch: [ContentWrite]) async throws {
        guard !batch.isEmpty else { return }
        // Encode every document before touching the server, so a bad body changes nothing.
        let pending = NIOLockedValueBox<[PlannedWrite]?>(try Self.plan(batch))
        try await write(planned: {
            pending.withLockedValue { pending in
                defer { pending = nil }
                return pending
            }
        })
    }

    public func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        try await write(planned: { try next().map(Self.plan) })
    }

    private static func plan(_ batch: [ContentWrite]) throws -> [PlannedWrite] {
        try batch.map { write in
            switch write {
            case .upsert(let collection, let id, let document):
                try MongoQuery.checkName(collection)
                return PlannedWrite(collection: collection, id: id, stored: ExtendedJSON.storedDocument(id: id, body: document))
            case .delete(let collection, let id):
                try MongoQuery.checkName(collection)
                return PlannedWrite(collection: collection, id: id, stored: nil)
            }
        }
    }

    /// Applies every batch `next` hands out, on one connection, all or none.
    private func write(planned next: @escaping @Sendable () throws -> [PlannedWrite]?) async throws {
        let fault = self.faultInjection
        try await run { connection in
            if try connection.supportsTransactions() {
                try Self.writeInTransaction(next, connection: connection, fault: fault)
            } else {
                try Self.writeWithUndo(next, connection: connection, fault: fault)
            }
        }
    }

    public func ping() async throws {
        try await run { connection in _ = try connection.command("{\"ping\":1}", database: "admin") }
    }

    /// For tests, which each work in a database of their own.
    func dropDatabase() async throws {
        try await run { connection in _ = try connection.command("{\"dropDatabase\":1}") }
    }

    // MARK: - Batches

    struct PlannedWrite: Sendable {
        var collection: String
        var id: String
        /// The stored document's extended JSON for an upsert, nil for a delete.
        var stored: String?
    }

    private static func writeInTransaction(_ next: () throws -> [PlannedWrite]?, connection: Connection,
                                           fault: (@Sendable (Int) throws -> Void)?) throws {
        let error = DriverError()
        guard let session = mongoc_client_start_session(connection.client, nil, error.raw) else { throw error.translated() }
        defer { mongoc_client_session_destroy(session) }
        guard mongoc_client_session_start_transaction(session, nil, error.raw) else { throw error.translated() }
        let sessionOptions = BSONDocument(owning: bson_new()!)
        do {
            guard mongoc_client_session_append(session, sessionOptions.raw, error.raw) else { throw error.translated() }
            var index = 0
            while let batch = try next() {
                for write in batch {
                    try fault?(index)
                    index += 1
                    if let stored = write.stored {
                        try connection.replace(write.collection, id: write.id, with: try BSONDocument(json: stored), sessionOptions: sessionOptions)
                    } else {
                        _ = try connection.delete(write.collection, id: write.id, sessionOptions: sessionOptions)
                    }
                }
            }
            let reply = BSONReply()
            guard mongoc_client_session_commit_transaction(session, reply.raw, error.raw) else { throw error.translated() }
        } catch {
            let abortError = DriverError()
            _ = mongoc_client_session_abort_transaction(session, abortError.raw)
            throw error
        }
    }

    /// Without transactions: remember each document's previous version (or its absence) before
    /// changing it, and on any failure put the previous versions back in reverse order. Other writers
    /// can see the intermediate state, which is the price of a standalone server.
    private static func writeWithUndo(_ next: () throws -> [PlannedWrite]?, connection: Connection,
                                      fault: (@Sendable (Int) throws -> Void)?) throws {
        var undo: [(collection: String, id: String, previous: BSONDocument?)] = []
        do {
            var index = 0
            while let batch = try next() {
                for write in batch {
                    try fault?(index)
                    index += 1
                    let previous = try connection.findRaw(write.collection, id: write.id)
                    undo.append((write.collection, write.id, previous))
                    if let stored = write.stored {
                        try connection.replace(write.collection, id: write.id, with: try BSONDocument(json: stored))
                    } else {
                        _ = try connection.delete(write.collection, id: write.id)
                    }
                }
            }
        } catch {
            do {
                for entry in undo.reversed() {
                    if let previous = entry.previous {
                        try connection.replace(entry.collection, id: entry.id, with: previous)
                    } else {
                        _ = try connection.delete(entry.collection, id: entry.id)
                    }
                }
            } catch {
                throw MongoContentStoreError.rollbackIncomplete(cause: String(describing: error))
            }
            throw error
        }
    }

    // MARK: - Running driver calls

    func run<T: Sendable>(ensuringIndexes: Bool = true, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        if ensuringIndexes { try await ensureIndexes() }
        let pool = self.pool
        let database = databaseName
        do {
            return try await threads.runIfActive {
                try pool.withClient { client in try body(Connection(client: client, database: database)) }
            }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw ContentStoreError.unavailable
        } catch is CancellationError where stopped.withLockedValue({ $0 }) {
            // NIO reports work refused by a stopped pool as a cancellation.
            throw ContentStoreError.unavailable
        }
    }
}

/// The process's `mongoc_client_pool_t`.
///
/// `@unchecked Sendable`: libmongoc documents `mongoc_client_pool_t` as thread-safe (pop and push may
/// be called from any thread), and `destroy` runs only after the thread pool has stopped, when no work
/// item can still use it.
struct ClientPool: @unchecked Sendable {
    let raw: OpaquePointer

    static func make(uri text: String) throws -> (ClientPool, database: String) {
        let error = DriverError()
        guard let uri = mongoc_uri_new_with_error(text, error.raw) else { throw MongoContentStoreError.invalidURI }
        defer { mongoc_uri_destroy(uri) }
        // Fail fast instead of the driver's 30 s default: callers map this to 503, not a hung request.
        if mongoc_uri_get_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 0) == 0 {
            mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 2_000)
        }
        if mongoc_uri_get_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, 0) == 0 {
            mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, 2_000)
        }
        // A server that accepts a command and then hangs must not hold a thread for the driver's
        // default of five minutes.
        if mongoc_uri_get_option_as_int32(uri, MONGOC_URI_SOCKETTIMEOUTMS, 0) == 0 {
            mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SOCKETTIMEOUTMS, 30_000)
        }
        if mongoc_uri_get_appname(uri) == nil {
            mongoc_uri_set_appname(uri, "campus")
        }
        let database = mongoc_uri_get_database(uri).map { String(cString: $0) } ?? "campus"
        guard let pool = mongoc_client_pool_new_with_error(uri, error.raw) else { throw MongoContentStoreError.invalidURI }
        mongoc_client_pool_set_error_api(pool, MONGOC_ERROR_API_VERSION_2)
        return (ClientPool(raw: pool), database)
    }

    func withClient<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        let client = mongoc_client_pool_pop(raw)!
        defer { mongoc_client_pool_push(raw, client) }
        return try body(client)
    }

    func destroy() { mongoc_client_pool_destroy(raw) }
}
#endif
