import CSQLite3
import CampusCore
import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// Runs exercise queries on SQLite: each check opens a fresh in-memory database from a prepared image of
/// the exercise's schema and one dataset, on a few threads of its own, so checks queue behind each other
/// instead of taking the event loops from every other request.
package final class SQLiteSandbox: SQLDialectRunner {
    private let pool: NIOThreadPool
    private let images = NIOLockedValueBox<[String: [UInt8]]>([:])
    private let waiting = NIOLockedValueBox(0)
    package let limits: SQLiteSandboxLimits
    /// Checks allowed to wait for a thread; past this a learner is asked to retry.
    package let queueLimit: Int
    /// Images kept; an exercise rebuilds its image in milliseconds when evicted.
    static let imageCacheSize = 256

    /// Every sandbox in the process shares SQLite's heap; past this a query fails as too large instead of
    /// taking the machine's memory. (Campus's own database is a separate SQLite inside sqlite-nio.)
    static let heapLimit: Int64 = 1 << 30

    package init(threads: Int, queueLimit: Int = 256, limits: SQLiteSandboxLimits = SQLiteSandboxLimits()) {
        sqlite3_hard_heap_limit64(Self.heapLimit)
        self.pool = NIOThreadPool(numberOfThreads: max(1, threads))
        self.queueLimit = queueLimit
        self.limits = limits
        pool.start()
    }

    /// Checks running or waiting for a thread.
    package var queued: Int { waiting.withLockedValue { $0 } }

    /// Checks run at a lower scheduling priority than the event loops, so that on a busy machine the
    /// kernel serves other requests first and checks take what is left (nice 10, this thread only).
    static func yieldToRequests() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(campus_sandbox_thread_id()), 10)
        #endif
    }

    package func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    package var dialect: SQLTask.Dialect { .sqlite }

    /// Builds (or finds) both images; the author's scripts get twice the exercise's time limit each.
    package func prepare(_ task: SQLTask) async throws -> Void {
        for dataset in SQLTask.Dataset.allCases { _ = try await image(task, dataset) }
    }

    package func run(_ query: String, task: SQLTask, dataset: SQLTask.Dataset, rowLimit: Int, truncate: Bool) async throws -> SQLRunOutcome {
        let image = try await image(task, dataset)
        let limits = self.limits
        let milliseconds = task.limits.timeMilliseconds
        return try await onPool {
            do {
                let connection = try SQLiteCheckConnection.reading(image, limits: limits)
                let (result, truncated) = try connection.query(query, milliseconds: milliseconds, rowLimit: rowLimit, truncate: truncate)
                return .rows(result, truncated: truncated)
            } catch let failure as SQLRunFailure {
                return .failed(failure)
            }
        }
    }

    private func image(_ task: SQLTask, _ dataset: SQLTask.Dataset) async throws -> [UInt8] {
        let key = ExerciseVersion.key(task, dataset)
        if let cached = images.withLockedValue({ $0[key] }) { return cached }
        let limits = self.limits
        let schema = task.schema, data = task.script(for: dataset), milliseconds = task.limits.timeMilliseconds * 2
        let built: Result<[UInt8], SQLRunFailure> = try await onPool {
            do {
                let connection = try SQLiteCheckConnection.empty(limits: limits)
                for (part, script) in [(SQLScriptFailure.Part.schema, schema), (.dataset(dataset), data)] {
                    do { try connection.execute(script: script, milliseconds: milliseconds) }
                    catch let failure as SQLRunFailure { throw SQLScriptFailure(part: part, failure: failure) }
                }
                return .success(try connection.serialize())
            } catch let failure as SQLScriptFailure {
                throw failure
            } catch let failure as SQLRunFailure {
                return .failure(failure)
            }
        }
        let image = try built.get()
        images.withLockedValue { cache in
            if cache.count >= Self.imageCacheSize, let victim = cache.keys.randomElement() { cache[victim] = nil }
            cache[key] = image
        }
        return image
    }

    private func onPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = waiting.withLockedValue { count -> Bool in
            guard count < queueLimit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw PracticeError.sandboxBusy }
        defer { waiting.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive {
            Self.yieldToRequests()
            return try body()
        }
    }
}
