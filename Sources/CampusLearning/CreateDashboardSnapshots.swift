import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import SQLKit

/// `dashboard_snapshots`: what the dashboard statement last read for a user, with the version it was read
/// at. Triggers on the four tables the dashboard reads bump the user's `version` in the same transaction
/// as the write, whoever writes (any Campus instance, an admin tool, a bulk load), so a snapshot is used
/// only while nothing it was built from has changed. Derived data: no audit fields, no soft delete; the
/// table can be emptied at any time and refills on the next reads.
package struct CreateDashboardSnapshots: AsyncMigration {
    package init() {}

    package var name: String { "CreateDashboardSnapshots" }

    package static let sources = ["enrollments", "lesson_progress", "quiz_attempts", "user_streaks"]

    package func prepare(on database: any Database) async throws {
        try await database.sqlRaw("""
            CREATE TABLE dashboard_snapshots (
              user_id UUID PRIMARY KEY,
              version BIGINT NOT NULL DEFAULT 0,
              computed_version BIGINT,
              enrollments TEXT, progress TEXT, attempts TEXT, streak TEXT)
            """)
        if database.isPostgres {
            // The function keeps Campus's schema, so a write from a session with another search_path
            // (psql, an admin tool) still finds `dashboard_snapshots`.
            try await database.sqlRaw("""
                CREATE FUNCTION dashboard_snapshot_touch() RETURNS trigger LANGUAGE plpgsql
                SET search_path FROM CURRENT AS $$
                DECLARE changed uuid;
                BEGIN
                  IF TG_OP = 'DELETE' THEN changed := OLD.user_id; ELSE changed := NEW.user_id; END IF;
                  IF changed IS NOT NULL THEN
                    INSERT INTO dashboard_snapshots (user_id, version) VALUES (changed, 1)
                    ON CONFLICT (user_id) DO UPDATE SET version = dashboard_snapshots.version + 1;
                  END IF;
                  RETURN NULL;
                END $$
                """)
            for table in Self.sources {
                try await database.sqlRaw("""
                    CREATE TRIGGER \(unsafeRaw: table)_dashboard AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                    FOR EACH ROW EXECUTE FUNCTION dashboard_snapshot_touch()
                    """)
            }
        } else {
            for table in Self.sources {
                for (event, row) in [("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")] {
                    try await database.sqlRaw("""
                        CREATE TRIGGER \(unsafeRaw: table)_dashboard_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                        WHEN \(unsafeRaw: row).user_id IS NOT NULL BEGIN
                        INSERT INTO dashboard_snapshots (user_id, version) VALUES (\(unsafeRaw: row).user_id, 1)
                        ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
                        END
                        """)
                }
            }
        }
    }

    package func revert(on database: any Database) async throws {
        if database.isPostgres {
            for table in Self.sources { try await database.sqlRaw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_dashboard ON \(unsafeRaw: table)") }
            try await database.sqlRaw("DROP FUNCTION IF EXISTS dashboard_snapshot_touch()")
        } else {
            for table in Self.sources {
                for event in ["insert", "update", "delete"] {
                    try await database.sqlRaw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_dashboard_\(unsafeRaw: event)")
                }
            }
        }
        try await database.sqlRaw("DROP TABLE IF EXISTS dashboard_snapshots")
    }
}
