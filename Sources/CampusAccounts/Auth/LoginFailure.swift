import CampusPlatform
import FluentKit
import Foundation

/// One failed login for an email (existing or not), kept for the lock-out window only.
package final class LoginFailure: Model, @unchecked Sendable {
    package static let schema = "auth_login_failures"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "email") package var email: String
    @Field(key: "failed_at") package var failedAt: Date

    package init() {}

    package init(email: String, failedAt: Date) {
        self.id = .v7()
        self.email = email
        self.failedAt = failedAt
    }
}

extension LoginFailure {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateAuthLoginFailures" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(LoginFailure.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("email", .string, .required)
                .field("failed_at", .datetime, .required)
                .create()
            try await database.sqlRaw("CREATE INDEX auth_login_failures_email ON auth_login_failures (email, failed_at)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(LoginFailure.schema).delete()
        }
    }
}
