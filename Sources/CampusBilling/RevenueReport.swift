import CampusPlatform
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Money taken and given back between two instants, per currency and group, from two SQL aggregates:
/// captured payments by the time they were paid, refunds by the time they were made.
package struct RevenueReport: Sendable {
    package enum Group: String, Sendable, CaseIterable { case day, course, plan, provider }

    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package struct Row: Content, Equatable {
        package var key: String
        package var currency: String
        package var payments: Int
        package var grossMinor: Int64
        package var refundedMinor: Int64
        package var netMinor: Int64

        package enum CodingKeys: String, CodingKey {
            case key, currency, payments
            case grossMinor = "gross_minor"
            case refundedMinor = "refunded_minor"
            case netMinor = "net_minor"
        }
    }

    package func rows(from: Date, to: Date, group: Group) async throws -> [Row] {
        let key = keyExpression(group)
        let gross = try await database.sql.raw("""
            SELECT \(unsafeRaw: key("p", "p.paid_at")) AS key, p.currency AS currency, COUNT(*) AS payments, CAST(SUM(p.amount_minor) AS BIGINT) AS total
            FROM payments p LEFT JOIN plans pl ON pl.id = p.plan_id LEFT JOIN courses c ON c.id = p.course_id
            WHERE p.captured = \(bind: true) AND p.deleted_at IS NULL AND p.paid_at >= \(bind: from) AND p.paid_at < \(bind: to)
            GROUP BY 1, 2
            """).all()
        let refunds = try await database.sql.raw("""
            SELECT \(unsafeRaw: key("p", "r.created_at")) AS key, r.currency AS currency, CAST(SUM(r.amount_minor) AS BIGINT) AS total
            FROM refunds r JOIN payments p ON p.id = r.payment_id LEFT JOIN plans pl ON pl.id = p.plan_id LEFT JOIN courses c ON c.id = p.course_id
            WHERE r.created_at >= \(bind: from) AND r.created_at < \(bind: to)
            GROUP BY 1, 2
            """).all()
        var table: [String: Row] = [:]
        for row in gross {
            let key = try row.decode(column: "key", as: String?.self) ?? "none"
            let currency = try row.decode(column: "currency", as: String.self)
            table["\(key)\u{1F}\(currency)"] = Row(key: key, currency: currency, payments: try row.decode(column: "payments", as: Int.self),
                                                   grossMinor: try row.decode(column: "total", as: Int64.self), refundedMinor: 0, netMinor: 0)
        }
        for row in refunds {
            let key = try row.decode(column: "key", as: String?.self) ?? "none"
            let currency = try row.decode(column: "currency", as: String.self)
            table["\(key)\u{1F}\(currency)", default: Row(key: key, currency: currency, payments: 0, grossMinor: 0, refundedMinor: 0, netMinor: 0)]
                .refundedMinor += try row.decode(column: "total", as: Int64.self)
        }
        return table.values.map { row in
            var row = row
            row.netMinor = row.grossMinor - row.refundedMinor
            return row
        }.sorted { ($0.key, $0.currency) < ($1.key, $1.currency) }
    }

    private func keyExpression(_ group: Group) -> (String, String) -> String {
        let postgres = database.isPostgres
        return { payment, time in
            switch group {
            case .day: postgres ? "to_char(\(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "strftime('%Y-%m-%d', \(time), 'unixepoch')"
            case .course: "c.slug"
            case .plan: "pl.code"
            case .provider: "\(payment).provider"
            }
        }
    }
}
