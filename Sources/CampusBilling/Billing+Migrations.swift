import CampusAccounts
import CampusPlatform
import FluentKit
import SQLKit

/// Plans, payments, refunds, subscriptions, the providers' event inbox, entitlements and the checkout
/// idempotency record. Amounts are integer minor units beside an ISO 4217 currency.
package struct CreateBilling: AsyncMigration {
    package init() {}

    package var name: String { "CreateBilling" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .field(.id, .uuid, .identifier(auto: false))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("description", .string)
            .field("price_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("period", .string, .required)
            .field("scope", .string, .required)
            .field("target_id", .uuid)
            .field("status", .string, .required)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX plans_code ON plans (code) WHERE deleted_at IS NULL")

        try await database.schema("subscriptions")
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("plan_id", .uuid, .required)
            .field("provider", .string, .required)
            .field("provider_subscription_id", .string)
            // The provider's id of a saved payment method (YooKassa renewals); never card data.
            .field("payment_method_id", .string)
            .field("status", .string, .required)
            .field("current_period_end", .datetime)
            .field("cancel_at_period_end", .bool, .required)
            .field("renewal_failures", .int, .required)
            .field("next_renewal_at", .datetime)
            .field("renewal_claimed_until", .datetime)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE INDEX subscriptions_user ON subscriptions (user_id, id)")
        try await database.sqlRaw("""
            CREATE UNIQUE INDEX subscriptions_provider_id ON subscriptions (provider, provider_subscription_id) WHERE provider_subscription_id IS NOT NULL
            """)
        try await database.sqlRaw("CREATE INDEX subscriptions_renewal ON subscriptions (provider, status, next_renewal_at)")

        try await database.schema("payments")
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("provider", .string, .required)
            // Stripe: the Checkout Session (or the invoice of a renewal); YooKassa: the payment.
            .field("provider_payment_id", .string)
            // Stripe: the PaymentIntent refunds name; YooKassa: the payment again.
            .field("provider_payment_ref", .string)
            .field("kind", .string, .required)
            .field("course_id", .uuid)
            .field("plan_id", .uuid)
            .field("subscription_id", .uuid)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("captured", .bool, .required)
            .field("canceled", .bool, .required)
            .field("refunded_minor", .int64, .required)
            .field("idempotency_key", .string)
            .field("confirmation_url", .string)
            .field("paid_at", .datetime)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE INDEX payments_user ON payments (user_id, id)")
        try await database.sqlRaw("""
            CREATE UNIQUE INDEX payments_provider_id ON payments (provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL
            """)
        try await database.sqlRaw("CREATE INDEX payments_provider_ref ON payments (provider, provider_payment_ref)")
        // One renewal charge per subscription and period, whichever instance gets there first.
        try await database.sqlRaw("CREATE UNIQUE INDEX payments_idempotency ON payments (idempotency_key) WHERE idempotency_key IS NOT NULL")
        try await database.sqlRaw("CREATE INDEX payments_paid ON payments (paid_at, currency)")

        try await database.schema("refunds")
            .field(.id, .uuid, .identifier(auto: false))
            .field("payment_id", .uuid, .required)
            .field("provider", .string, .required)
            .field("provider_refund_id", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX refunds_provider_id ON refunds (provider, provider_refund_id)")
        try await database.sqlRaw("CREATE INDEX refunds_payment ON refunds (payment_id)")
        try await database.sqlRaw("CREATE INDEX refunds_time ON refunds (created_at, currency)")

        // The inbox: a delivery is processed once per (provider, event id), whoever delivers it first.
        try await database.schema("payment_events")
            .field(.id, .uuid, .identifier(auto: false))
            .field("provider", .string, .required)
            .field("event_id", .string, .required)
            .field("type", .string, .required)
            .field("payload_hash", .string, .required)
            .field("outcome", .string, .required)
            .field("received_at", .datetime, .required)
            .field("processed_at", .datetime)
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX payment_events_once ON payment_events (provider, event_id)")

        try await database.schema("entitlements")
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("scope", .string, .required)
            .field("target_id", .uuid)
            .field("source_kind", .string, .required)
            .field("source_id", .uuid, .required)
            .field("valid_from", .datetime, .required)
            .field("valid_until", .datetime)
            .field("revoked_at", .datetime)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX entitlements_source ON entitlements (source_kind, source_id) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX entitlements_user ON entitlements (user_id, scope, target_id)")

        try await database.schema("checkout_requests")
            .field("user_id", .uuid, .required)
            .field("idempotency_key", .string, .required)
            .field("request_hash", .string, .required)
            .field("payment_id", .uuid, .required)
            .field("response", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX checkout_requests_key ON checkout_requests (user_id, idempotency_key)")
    }

    package func revert(on database: any Database) async throws {
        for table in ["checkout_requests", "entitlements", "payment_events", "refunds", "payments", "subscriptions", "plans"] {
            try await database.schema(table).delete()
        }
    }
}
