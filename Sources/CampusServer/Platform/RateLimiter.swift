import FluentKit
import Foundation
import SQLKit

/// Fixed-window counters kept in the relational store, so every Campus instance sees the same counts.
struct RateLimiter: Sendable {
    let database: @Sendable () -> any Database
    let clock: CampusClock

    /// Counts one hit for `key` and returns the seconds to wait when the hit goes over `limit` per
    /// `window` seconds, or nil when it is allowed. A limit of 0 disables the check.
    func hit(_ key: String, limit: Int, window: Int = 60) async throws -> Int? {
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

struct CreateRateLimitCounters: AsyncMigration {
    var name: String { "CreateRateLimitCounters" }

    func prepare(on database: any Database) async throws {
        try await database.sqlRaw("""
            CREATE TABLE rate_limit_counters (
                bucket TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                hits INTEGER NOT NULL,
                PRIMARY KEY (bucket, window_start)
            )
            """)
    }

    func revert(on database: any Database) async throws {
        try await database.sqlRaw("DROP TABLE rate_limit_counters")
    }
}
