import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Vapor

/// `/api/v1/admin/plans`, `/api/v1/admin/payments/{id}/refund` and `/api/v1/admin/reports/revenue`.
package struct BillingAdminRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireAuth(minimumRole: .admin))
        let plans = admin.grouped("plans")
        plans.get(use: list)
        plans.post(use: create)
        plans.get(":code", use: get)
        plans.patch(":code", use: update)
        plans.delete(":code", use: delete)
        admin.post("payments", ":id", "refund", use: refund)
        admin.get("reports", "revenue", use: revenue)
    }

    @Sendable func list(req: Request) async throws -> [PlanDTO] {
        let offered = req.billing.offered
        return try await BillingStore(database: req.campusDB).plans(includeRetired: true).map { PlanDTO($0, language: req.contentLanguage, providers: offered) }
    }

    private func find(_ req: Request) async throws -> PlanRecord {
        guard let plan = try await BillingStore(database: req.campusDB).plan(code: try req.parameters.require("code")) else { throw BillingError.planNotFound }
        return plan
    }

    @Sendable func get(req: Request) async throws -> PlanDTO {
        PlanDTO(try await find(req), language: req.contentLanguage, providers: req.billing.offered)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let plan = try await PlanInput(database: req.campusDB).read(try Self.object(req), existing: nil)
        let store = BillingStore(database: req.campusDB)
        guard try await store.plan(code: plan.code) == nil else { throw BillingError.planCodeTaken(plan.code) }
        do {
            try await store.insert(plan, actor: try req.requireAuth().userID, at: req.platform.clock.now())
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw BillingError.planCodeTaken(plan.code)
        }
        let response = Response(status: .created)
        try response.content.encode(PlanDTO(plan, language: req.contentLanguage, providers: req.billing.offered))
        return response
    }

    @Sendable func update(req: Request) async throws -> PlanDTO {
        let existing = try await find(req)
        let plan = try await PlanInput(database: req.campusDB).read(try Self.object(req), existing: existing)
        try await BillingStore(database: req.campusDB).update(plan, actor: try req.requireAuth().userID, at: req.platform.clock.now())
        return PlanDTO(plan, language: req.contentLanguage, providers: req.billing.offered)
    }

    /// Soft delete: live subscriptions keep running to their period's end; nobody can buy it any more.
    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let plan = try await find(req)
        try await BillingStore(database: req.campusDB).deletePlan(id: plan.id, actor: try req.requireAuth().userID, at: req.platform.clock.now())
        return .noContent
    }

    struct RefundBody: Content {
        var amount: Int64?
    }

    @Sendable func refund(req: Request) async throws -> RefundDTO {
        guard let id = UUID(uuidString: try req.parameters.require("id")) else { throw BillingError.paymentNotFound }
        var amount: Int64?
        if let data = req.body.data, data.readableBytes > 0 {
            guard let body = try? JSONValue.parse(Data(buffer: data)), let object = body.objectValue else {
                throw Problem.validation(field: "body", "must be a JSON object: {\"amount\": minor units} or {}")
            }
            if let value = object["amount"], value != .null {
                guard let number = value.intValue else { throw Problem.validation(field: "amount", "must be a whole number of minor units") }
                amount = Int64(number)
            }
        }
        return try await RefundService(req.billingContext)
            .refund(paymentID: id, amount: amount, actor: try req.requireAuth().userID)
    }

    package struct RevenueDTO: Content {
        package var from: Date
        package var to: Date
        package var group: String
        package var rows: [RevenueReport.Row]
    }

    @Sendable func revenue(req: Request) async throws -> RevenueDTO {
        var check = FieldValidator()
        func instant(_ name: String) -> Date? {
            guard let raw = req.query[String.self, at: name], !raw.isEmpty else { check.fail(name, "is required: a date (2026-12-01) or an ISO 8601 time"); return nil }
            if let date = ISOTime.parse(raw) { return date }
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = TimeZone(identifier: "UTC")
            day.dateFormat = "yyyy-MM-dd"
            if raw.count == 10, let date = day.date(from: raw) { return date }
            check.fail(name, "must be a date (2026-12-01) or an ISO 8601 time")
            return nil
        }
        let from = instant("from")
        let to = instant("to")
        let groupName = req.query[String.self, at: "group"] ?? "day"
        let group = RevenueReport.Group(rawValue: groupName)
        if group == nil { check.fail("group", "must be day, course, plan or provider") }
        if let from, let to, to <= from { check.fail("to", "must be after from") }
        try check.throwIfInvalid()
        return RevenueDTO(from: from!, to: to!, group: groupName,
                          rows: try await RevenueReport(database: req.campusDB).rows(from: from!, to: to!, group: group!))
    }

    static func object(_ req: Request) throws -> JSONObject {
        guard let data = req.body.data, let value = try? JSONValue.parse(Data(buffer: data)), let object = value.objectValue else {
            throw Problem.validation(field: "body", "must be a JSON object: the plan")
        }
        return object
    }
}
