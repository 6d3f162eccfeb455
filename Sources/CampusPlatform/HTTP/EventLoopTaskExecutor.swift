import NIOCore
import Vapor

/// Runs a task's jobs on one event loop. Vapor runs an async route handler in a task on Swift's global pool,
/// while the request and its database connection live on an event loop: each statement then wakes two threads
/// (the loop to send, the pool to resume), and the response goes back to the loop once more. A handler started
/// with this executor preferred does all of that on the loop's thread.
package final class EventLoopTaskExecutor: TaskExecutor {
    package let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

extension Request {
    /// Answers with `work` run on this request's event loop (see `EventLoopTaskExecutor`), for a route registered
    /// as returning a future. Only for short work that mostly waits on the stores, such as the hottest reads:
    /// anything long would hold up every other connection of the loop.
    package func respondOnEventLoop(_ work: @escaping @Sendable () async throws -> Response) -> EventLoopFuture<Response> {
        let promise = eventLoop.makePromise(of: Response.self)
        Task(executorPreference: EventLoopTaskExecutor(eventLoop)) {
            do { promise.succeed(try await work()) } catch { promise.fail(error) }
        }
        return promise.futureResult
    }
}
