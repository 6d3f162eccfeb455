import CampusCore
import Crypto
import Foundation
import NIOConcurrencyHelpers

/// Reference results by exercise version and dataset: they never change for the same scripts and query,
/// so a submit runs only the learner's query.
package final class ReferenceResults: Sendable {
    private let results = NIOLockedValueBox<[String: SQLResult]>([:])
    static let capacity = 512

    package init() {}

    static func key(_ task: SQLTask, _ dataset: SQLTask.Dataset) -> String {
        var hash = SHA256()
        for part in [task.dialect.rawValue, task.schema, task.script(for: dataset), task.reference, String(task.limits.rows)] {
            hash.update(data: Data(part.utf8))
            hash.update(data: Data([0]))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func get(_ task: SQLTask, _ dataset: SQLTask.Dataset, compute: () async throws -> SQLResult) async throws -> SQLResult {
        let key = Self.key(task, dataset)
        if let cached = results.withLockedValue({ $0[key] }) { return cached }
        let result = try await compute()
        results.withLockedValue { cache in
            if cache.count >= Self.capacity, let victim = cache.keys.randomElement() { cache[victim] = nil }
            cache[key] = result
        }
        return result
    }
}
