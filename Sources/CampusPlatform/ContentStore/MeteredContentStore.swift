import CampusCore
import Foundation

/// Times every call that reaches the content engine and counts the ones that fail, by operation and
/// engine. It sits under the cache, so the figures are the engine's, not the cache's hits.
package struct MeteredContentStore: ContentStore {
    package let base: any ContentStore
    private let meters: [String: CampusMetrics.ContentMeter]
    private static let operations = ["get", "get_many", "upsert", "delete", "query", "write", "ping"]

    package init(base: any ContentStore, metrics: CampusMetrics) {
        self.base = base
        let engine = base.engineName
        meters = Dictionary(uniqueKeysWithValues: Self.operations.map { ($0, metrics.contentMeter($0, engine: engine)) })
    }

    package var engineName: String { base.engineName }

    package func get(_ collection: String, id: String) async throws -> JSONObject? {
        try await timed("get") { try await base.get(collection, id: id) }
    }

    package func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        try await timed("get") { try await base.get(collection, id: id, members: members) }
    }

    package func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        try await timed("get_many") { try await base.getMany(collection, ids: ids) }
    }

    package func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        try await timed("upsert") { try await base.upsert(collection, id: id, document: document) }
    }

    package func upsert(_ collection: String, id: String, json: [UInt8]) async throws {
        try await timed("upsert") { try await base.upsert(collection, id: id, json: json) }
    }

    @discardableResult
    package func delete(_ collection: String, id: String) async throws -> Bool {
        try await timed("delete") { try await base.delete(collection, id: id) }
    }

    package func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try await timed("query") { try await base.query(collection, filter: filter, after: after, limit: limit) }
    }

    package func write(_ batch: [ContentWrite]) async throws {
        try await timed("write") { try await base.write(batch) }
    }

    package func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        try await timed("write") { try await base.write(batches: next) }
    }

    package func ping() async throws {
        try await timed("ping") { try await base.ping() }
    }

    private func timed<Result>(_ operation: String, _ body: () async throws -> Result) async throws -> Result {
        let meter = meters[operation]!
        let started = ContinuousClock.now
        do {
            let result = try await body()
            meter.record(ContinuousClock.now - started, failed: false)
            return result
        } catch {
            meter.record(ContinuousClock.now - started, failed: true)
            throw error
        }
    }
}
