import CampusPlatform
import FluentKit
import Foundation
import Logging
import SQLKit

/// Delivers due outbox messages with retries and exponential back-off. Safe with several Campus
/// instances: a message is claimed by a conditional update before it is sent.
package final class OutboxSender: Sendable {
    package let database: @Sendable () -> any Database
    package let transport: any MailTransport
    package let clock: CampusClock
    package let logger: Logger
    package let metrics: CampusMetrics?
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    package init(database: @escaping @Sendable () -> any Database, transport: any MailTransport, clock: CampusClock, logger: Logger,
                 metrics: CampusMetrics? = nil) {
        self.metrics = metrics
        self.database = database
        self.transport = transport
        self.clock = clock
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the loop to look for due mail now rather than at its next poll.
    package func nudge() { wake.yield() }

    package func stop() { wake.finish() }

    /// Runs until `stop()`: delivers what is due on every nudge and at least every `pollInterval`.
    package func run(pollInterval: Duration = .seconds(5)) async {
        let ticker = Task { [wake] in
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                wake.yield()
            }
        }
        defer { ticker.cancel() }
        wake.yield()
        for await _ in wakeUps {
            do {
                _ = try await deliverDue()
                metrics?.jobRun("outbox", failed: false)
            } catch {
                metrics?.jobRun("outbox", failed: true)
                logger.warning("outbox pass failed", metadata: ["error_type": "\(type(of: error))"])
            }
        }
    }

    /// Sends every message that is due now; returns how many were delivered.
    @discardableResult
    package func deliverDue(limit: Int = 50) async throws -> Int {
        let now = clock.now()
        let db = database()
        let claimedAll: Bool
        let candidates: [OutboxMessage]
        if db.isPostgres {
            // One statement claims a batch; rows another instance is claiming are skipped, not waited for.
            let ids = try await db.sql.raw("""
                UPDATE mail_outbox SET locked_until = \(bind: now.addingTimeInterval(Self.lease))
                WHERE id IN (SELECT id FROM mail_outbox
                             WHERE status = 'pending' AND next_attempt_at <= \(bind: now) AND (locked_until IS NULL OR locked_until < \(bind: now))
                             ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit)) FOR UPDATE SKIP LOCKED)
                RETURNING id
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            candidates = ids.isEmpty ? [] : try await OutboxMessage.query(on: db).filter(\.$id ~~ ids).sort(\.$nextAttemptAt).all()
            claimedAll = true
        } else {
            candidates = try await OutboxMessage.query(on: db)
                .filter(\.$status == "pending")
                .filter(\.$nextAttemptAt <= now)
                .sort(\.$nextAttemptAt)
                .limit(limit)
                .all()
            claimedAll = false
        }
        var delivered = 0
        for message in candidates {
            guard let id = message.id else { continue }
            if !claimedAll { guard try await claim(id, now: now) else { continue } }
            do {
                try await transport.deliver(to: message.recipient, subject: message.subject, body: message.body)
                message.status = "sent"
                message.sentAt = clock.now()
                message.body = ""
                message.lastError = nil
                delivered += 1
                logger.info("mail delivered", metadata: ["subject": .string(message.subject), "transport": .string(transport.name)])
            } catch {
                message.attempts += 1
                message.lastError = String(describing: type(of: error))
                if message.attempts >= OutboxMessage.maxAttempts {
                    message.status = "failed"
                    logger.error("mail delivery gave up", metadata: ["subject": .string(message.subject)])
                } else {
                    let backoff = min(3600.0, 15.0 * pow(2.0, Double(message.attempts - 1)))
                    message.nextAttemptAt = clock.now().addingTimeInterval(backoff)
                    logger.warning("mail delivery failed; will retry", metadata: [
                        "subject": .string(message.subject), "attempt": .stringConvertible(message.attempts),
                        "error_type": .string(message.lastError ?? ""),
                        "reason": .string((error as? SMTPError)?.logSummary ?? message.lastError ?? ""),
                    ])
                }
            }
            message.lockedUntil = nil
            try await message.update(on: database())
        }
        return delivered
    }

    /// How long a claim holds: an instance that dies mid-delivery leaves the message to another after this.
    static let lease: TimeInterval = 120

    /// SQLite has one writer: a conditional update is the claim.
    private func claim(_ id: UUID, now: Date) async throws -> Bool {
        let rows = try await database().sql.raw("""
            UPDATE mail_outbox SET locked_until = \(bind: now.addingTimeInterval(Self.lease))
            WHERE id = \(bind: id) AND status = 'pending' AND (locked_until IS NULL OR locked_until < \(bind: now))
            RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
