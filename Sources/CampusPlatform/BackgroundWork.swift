import Foundation
import Logging
import Synchronization

/// Work a request starts and does not wait for, such as the lookup behind "if the account exists, a
/// code is on its way", so that the answer takes the same time whatever the lookup finds. Failures are
/// logged by type only. Tests and shutdown wait for what is in flight with `drain()`.
package final class BackgroundWork: Sendable {
    private let running = Mutex<[UUID: Task<Void, Never>]>([:])
    private let logger: Logger

    package init(logger: Logger) {
        self.logger = logger
    }

    package func start(_ name: String, _ work: @escaping @Sendable () async throws -> Void) {
        let id = UUID()
        let logger = self.logger
        running.withLock { tasks in
            // On the global pool even when started from a request answered on its event loop (a loop's preference
            // would otherwise hold background work on that loop).
            tasks[id] = Task(executorPreference: globalConcurrentExecutor) { [weak self] in
                do {
                    try await work()
                } catch {
                    logger.warning("background work failed", metadata: ["work": .string(name), "error_type": "\(type(of: error))"])
                }
                _ = self?.running.withLock { $0.removeValue(forKey: id) }
            }
        }
    }

    package func drain() async {
        while let task = running.withLock({ $0.values.first }) {
            await task.value
            // A task removes itself when done; one that finished before it was stored is removed here.
            running.withLock { tasks in
                if let (key, _) = tasks.first(where: { $0.value == task }) { tasks[key] = nil }
            }
        }
    }
}
