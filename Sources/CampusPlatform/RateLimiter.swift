import FluentKit
import Foundation
import SQLKit

/// Fixed-window counters kept in the relational store, so every Campus instance sees the same counts.
package struct RateLimiter: Sendable {
    package let database: @Sendable () -> any Database
    package let clock: CampusClock

    package init(database: @escaping @Sendable () -> any Database, clock: CampusClock) {
        self.database = database
        self.clock = clock
    }

    /// Counts one hit for `key` and returns the seconds to wait when the hit goes over `limit` per
    /// `window` seconds, or nil when it is allowed. A limit of 0 disables the check.
    package func hit(_ key: String, limit: Int, window: Int = 60) async throws -> Int? {
        guard limit > 0 else { return nil }
        let now = clock.now().timeIntervalSince1970
        let windowStart = Int64(now) / Int64(window) * Int64(window)
        let row = try await database().sql.raw("""
            INSERT INTO rate_limit_counters (bucket, window_start, hits) VALUES (\(bind: key), \(bind: windowStart), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        if Int.random(in: 0..<200) == 0 {
            try? await database().sqlRaw("DELETE FROM rate_limit_counters WHERE window_start < \(bind: windowStart - 3600)")
        }
        guard hits > limit else { return nil }
        return max(1, Int(windowStart) + window - Int(now))
    }
}

package struct CreateRateLimitCounters: AsyncMigration {
    package init() {}

    package var name: String { "CreateRateLimitCounters" }

    package func prepare(on database: any Database) async throws {
        try await database.sqlRaw("""
            CREATE TABLE rate_limit_counters (
                bucket TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                hits INTEGER NOT NULL,
                PRIMARY KEY (bucket, window_start)
            )
            """)
    }

    package func revert(on database: any Database) async throws {
        try await database.sqlRaw("DROP TABLE rate_limit_counters")
    }
}
