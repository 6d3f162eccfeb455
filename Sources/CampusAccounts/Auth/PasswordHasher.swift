import CampusPlatform
import Crypto
import Foundation
import NIOPosix
import Synchronization
import Vapor

/// bcrypt over base64(SHA-256(password)), the scheme the replaced service stores, which also lifts
/// bcrypt's 72-byte limit. Hashing runs on its own small thread pool, one thread fewer than the
/// machine has cores, so a login storm cannot take every core from the event loops.
///
/// The queue in front of the pool is bounded: past `maximumQueued` waiting jobs a new one is refused
/// with 503 at once, and a job that waited longer than `maximumWait` (its client has most likely given
/// up), whose client disconnected or whose request task was cancelled is dropped before it costs a hash.
package final class PasswordHasher: Sendable {
    package let cost: Int
    package let maximumQueued: Int
    package let maximumWait: TimeInterval
    private let pool: NIOThreadPool
    /// A hash to verify against when the email is unknown, so both answers take the same time. Made beside the
    /// start rather than before it: at cost 12 it was half of `campus serve`'s time to ready (issue 18).
    private let decoy = Mutex<String?>(nil)
    private let queued = Mutex(0)
    private let verifications = Mutex(0)

    package init(cost: Int, maximumQueued: Int? = nil, maximumWait: TimeInterval = 10) throws {
        let threads = max(1, System.coreCount - 1)
        self.cost = cost
        self.maximumQueued = maximumQueued ?? 16 * threads
        self.maximumWait = maximumWait
        self.pool = NIOThreadPool(numberOfThreads: threads)
        self.pool.start()
        // A thread of its own rather than the pool: a sign-in right after start must not queue behind it.
        Thread.detachNewThread { [self] in _ = self.decoyHash() }
    }

    /// The first unknown-email check after start makes it on the pool if the start-up thread has not yet.
    private func decoyHash() -> String {
        if let kept = decoy.withLock({ $0 }) { return kept }
        let made = (try? Bcrypt.hash(Self.prehash(TokenService.newRefreshToken()), cost: cost)) ?? ""
        return decoy.withLock { kept in
            if let kept { return kept }
            kept = made
            return made
        }
    }

    package static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// How many password checks ran since start (tests count them; so could a metric).
    package var verificationCount: Int { verifications.withLock { $0 } }

    package func hash(_ password: String, clientGone: @escaping @Sendable () -> Bool = { false }) async throws -> String {
        let cost = self.cost
        return try await run(clientGone: clientGone) { try Bcrypt.hash(Self.prehash(password), cost: cost) }
    }

    /// False for a wrong password, an unknown user (nil hash) or a hash Campus cannot read; throws
    /// only when the queue is full or the job was dropped.
    package func verify(_ password: String, against hash: String?, clientGone: @escaping @Sendable () -> Bool = { false }) async throws -> Bool {
        let matched = try await run(clientGone: clientGone) {
            self.verifications.withLock { $0 += 1 }
            return (try? Bcrypt.verify(Self.prehash(password), created: hash ?? self.decoyHash())) ?? false
        }
        return matched && hash != nil
    }

    package func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    private func run<Value: Sendable>(clientGone: @escaping @Sendable () -> Bool,
                                      _ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        let admitted = queued.withLock { count in
            guard count < maximumQueued else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Self.busy }
        defer { queued.withLock { $0 -= 1 } }
        let enqueued = Date()
        let maximumWait = self.maximumWait
        let cancelled = Mutex(false)
        return try await withTaskCancellationHandler {
            try await pool.runIfActive {
                guard !cancelled.withLock({ $0 }), !clientGone(), Date().timeIntervalSince(enqueued) <= maximumWait else {
                    throw Self.busy
                }
                return try work()
            }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
    }

    package static let busy = Problem(.serviceUnavailable, "server-busy", title: "Server busy",
                              detail: "Too many sign-ins are being checked right now; try again shortly.",
                              headers: ["Retry-After": "2"])
}
