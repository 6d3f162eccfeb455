import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging
import SQLKit

/// Evaluates active rules for every learner, in batches of users by id: idempotent (awarding is
/// insert-if-absent) and resumable (`after` is the last user id a run reported).
package struct AchievementBackfill: Sendable {
    let awarder: AchievementAwarder
    let database: any Database
    let logger: Logger?
    package var batchSize = 500

    package init(awarder: AchievementAwarder, database: any Database, logger: Logger?) {
        self.awarder = awarder
        self.database = database
        self.logger = logger
    }

    package struct Report: Sendable {
        package var users = 0
        package var awarded = 0
        package var seconds: Double = 0
    }

    package func run(codes: Set<String>? = nil, after start: UUID? = nil, progress: (@Sendable (Report, UUID) -> Void)? = nil) async throws -> Report {
        var report = Report()
        let began = Date()
        var after = start
        while true {
            var query: SQLQueryString = "SELECT id FROM users WHERE deleted_at IS NULL"
            if let after { query = "SELECT id FROM users WHERE deleted_at IS NULL AND id > \(bind: after)" }
            query.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(batchSize)")
            let ids = try await database.sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard let last = ids.last else { break }
            // A batch is one transaction: a run stopped part-way resumes after the last batch it reported.
            let awarder = self.awarder
            report.awarded += try await database.transaction { database in
                var awarded = 0
                for userID in ids {
                    awarded += try await awarder.evaluate(userID: userID, moved: nil, only: codes, trigger: ["kind": "backfill"], on: database).count
                }
                return awarded
            }
            report.users += ids.count
            report.seconds = Date().timeIntervalSince(began)
            progress?(report, last)
            after = last
            if ids.count < batchSize { break }
        }
        report.seconds = Date().timeIntervalSince(began)
        logger?.info("achievement backfill done", metadata: ["users": .stringConvertible(report.users), "awarded": .stringConvertible(report.awarded)])
        return report
    }
}
