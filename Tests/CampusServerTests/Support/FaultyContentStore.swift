import CampusCore
import Foundation
import Synchronization

/// A content store that fails the next write to a collection when told to, as a store that went away
/// between two writes of one request would.
final class FaultyContentStore: ContentStore {
    struct InjectedFault: Error {}

    let base: any ContentStore
    private let armed = Mutex<Set<String>>([])

    init(base: any ContentStore) {
        self.base = base
    }

    func failNextWrite(of collection: String) {
        _ = armed.withLock { $0.insert(collection) }
    }

    private func check(_ collection: String) throws {
        if armed.withLock({ $0.remove(collection) }) != nil { throw InjectedFault() }
    }

    var engineName: String { base.engineName }

    func get(_ collection: String, id: String) async throws -> JSONObject? {
        try await base.get(collection, id: id)
    }

    func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        try await base.getMany(collection, ids: ids)
    }

    func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        try check(collection)
        try await base.upsert(collection, id: id, document: document)
    }

    func delete(_ collection: String, id: String) async throws -> Bool {
        try check(collection)
        return try await base.delete(collection, id: id)
    }

    func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try await base.query(collection, filter: filter, after: after, limit: limit)
    }

    func write(_ batch: [ContentWrite]) async throws {
        for write in batch {
            switch write {
            case .upsert(let collection, _, _), .delete(let collection, _): try check(collection)
            }
        }
        try await base.write(batch)
    }

    func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        try await base.write(batches: { [self] in
            guard let batch = try next() else { return nil }
            for write in batch {
                switch write {
                case .upsert(let collection, _, _), .delete(let collection, _): try check(collection)
                }
            }
            return batch
        })
    }

    func ping() async throws {
        try await base.ping()
    }
}
