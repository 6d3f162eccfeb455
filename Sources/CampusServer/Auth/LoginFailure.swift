import FluentKit
import Foundation

/// One failed login for an email (existing or not), kept for the lock-out window only.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "auth_login_failures"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(email: String, failedAt: Date) {
        self.id = .v7()
        self.email = email
        self.failedAt = failedAt
    }
}

extension LoginFailure {
    struct CreateTable: AsyncMigration {
        var name: String { "CreateAuthLoginFailures" }

        func prepare(on database: any Database) async throws {
            try await database.schema(LoginFailure.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("email", .string, .required)
                .field("failed_at", .datetime, .required)
                .create()
            try await database.sqlRaw("CREATE INDEX auth_login_failures_email ON auth_login_failures (email, failed_at)")
        }

        func revert(on database: any Database) async throws {
            try await database.schema(LoginFailure.schema).delete()
        }
    }
}
