import CampusPlatform
import FluentKit
import SQLKit

extension User {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateUsers" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(User.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("email", .string, .required)
                .field("password_hash", .string)
                .field("name", .string, .required)
                .field("role", .string, .required)
                .field("email_verified", .bool, .required, .sql(.default(false)))
                .field("experience", .string)
                .field("token_version", .int, .required, .sql(.default(0)))
                .auditFields()
                .create()
            // Unique among live rows only, so a deleted account's email can register again.
            try await (database as! any SQLDatabase)
                .raw("CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL").run()
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(User.schema).delete()
        }
    }
}

extension User {
    /// The interface language a learner chose, kept with the profile so every device uses it.
    package struct AddLanguage: AsyncMigration {
        package init() {}

        package var name: String { "AddUserLanguage" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(User.schema).field("language", .string).update()
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(User.schema).deleteField("language").update()
        }
    }

    /// Leaderboards name a learner only after they chose to be named.
    package struct AddLeaderboardVisibility: AsyncMigration {
        package init() {}

        package var name: String { "AddLeaderboardVisibility" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(User.schema).field("leaderboard_visible", .bool).update()
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(User.schema).deleteField("leaderboard_visible").update()
        }
    }
}
