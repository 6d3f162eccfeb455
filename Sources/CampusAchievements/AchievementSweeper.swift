import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging
import SQLKit

/// The durable half of awarding. Awards are made right after the write that earned them; if the process
/// dies between the two, the facts are still there: every few minutes this evaluates again the learners
/// whose facts changed since the last sweep (progress, enrollments, attempts, practice, streaks), so the
/// recorded facts are the outbox. Awarding is insert-if-absent, so sweeping twice (or on two instances)
/// awards nothing twice.
package final class AchievementSweeper: Sendable {
    let awarder: AchievementAwarder
    let database: @Sendable () -> any Database
    let clock: CampusClock
    let logger: Logger
    let metrics: CampusMetrics?
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    /// Writes commit a little after the time they stamp; a sweep looks this far back past its watermark.
    static let overlap: TimeInterval = 120

    package init(awarder: AchievementAwarder, database: @escaping @Sendable () -> any Database, clock: CampusClock, logger: Logger,
                 metrics: CampusMetrics? = nil) {
        self.metrics = metrics
        self.awarder = awarder
        self.database = database
        self.clock = clock
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    package func stop() { wake.finish() }

    package func run(interval: Duration = .seconds(300)) async {
        let ticker = Task { [wake] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield()
            }
        }
        defer { ticker.cancel() }
        for await _ in wakeUps {
            do {
                _ = try await sweep()
                metrics?.jobRun("achievement_sweep", failed: false)
            } catch {
                metrics?.jobRun("achievement_sweep", failed: true)
                logger.warning("achievement sweep failed", metadata: ["error_type": "\(type(of: error))"])
            }
        }
    }

    /// Evaluates the learners whose facts changed since the last sweep; returns how many awards it made.
    @discardableResult
    package func sweep() async throws -> Int {
        let database = database()
        let started = clock.now()
        let watermark = try await database.sql.raw("SELECT watermark FROM achievement_sweeps WHERE name = 'facts'").first()?
            .decode(column: "watermark", as: Date.self)
        guard let watermark else {
            // The first sweep only starts the clock: what came before is the backfill's to evaluate.
            try await database.sql.raw("""
                INSERT INTO achievement_sweeps (name, watermark) VALUES ('facts', \(bind: started)) ON CONFLICT (name) DO NOTHING
                """).run()
            return 0
        }
        let since = watermark.addingTimeInterval(-Self.overlap)
        let rows = try await database.sql.raw("""
            SELECT user_id FROM lesson_progress WHERE updated_at > \(bind: since)
            UNION SELECT user_id FROM enrollments WHERE updated_at > \(bind: since)
            UNION SELECT user_id FROM quiz_attempts WHERE user_id IS NOT NULL AND updated_at > \(bind: since)
            UNION SELECT user_id FROM practice_attempts WHERE submitted_at > \(bind: since)
            UNION SELECT user_id FROM user_streaks WHERE updated_at > \(bind: since)
            """).all()
        var awarded = 0
        for row in rows {
            let userID = try row.decode(column: "user_id", as: UUID.self)
            awarded += try await awarder.evaluate(userID: userID, moved: nil, trigger: ["kind": "sweep"], on: database).count
        }
        try await database.sql.raw("UPDATE achievement_sweeps SET watermark = \(bind: started) WHERE name = 'facts'").run()
        if awarded > 0 { logger.notice("achievement sweep made awards", metadata: ["awarded": .stringConvertible(awarded)]) }
        return awarded
    }
}
