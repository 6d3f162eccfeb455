import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Reads a plan an admin writes (every field on create, any on update): 422 naming every bad field.
struct PlanInput {
    let database: any Database

    func read(_ body: JSONObject, existing: PlanRecord?) async throws -> PlanRecord {
        var check = FieldValidator()
        func given(_ key: String) -> JSONValue? { body.nonNull(key) }
        let code = existing?.code ?? given("code")?.stringValue ?? ""
        if existing == nil && !(1...64).contains(code.count) || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
            check.fail("code", "is required: 1–64 characters of a-z, 0-9, - and _")
        }
        if let existing, let other = given("code")?.stringValue, other != existing.code { check.fail("code", "cannot change") }
        var title = existing?.title
        if let value = given("title") {
            if let text = LocalizedText(value) { title = text } else { check.fail("title", "must be a non-empty string or {\"en\": …, \"ru\": …}") }
        } else if existing == nil { check.fail("title", "is required: a string or {\"en\": …, \"ru\": …}") }
        var description = existing?.description
        if let value = given("description") {
            if let text = LocalizedText(value) { description = text } else { check.fail("description", "must be a non-empty string or {\"en\": …, \"ru\": …}") }
        }
        var price = existing?.price.minor
        if let value = given("price_minor") {
            if let number = value.intValue, (1...100_000_000).contains(number) { price = Int64(number) }
            else { check.fail("price_minor", "must be a whole number of minor units from 1 to 100000000") }
        } else if existing == nil { check.fail("price_minor", "is required: the price in minor units (kopecks, cents)") }
        var currency = existing?.price.currency
        if let value = given("currency") {
            if let text = value.stringValue, Money.isCurrencyCode(text) { currency = text.uppercased() }
            else { check.fail("currency", "must be an ISO 4217 code such as RUB or USD") }
        } else if existing == nil { check.fail("currency", "is required: an ISO 4217 code such as RUB or USD") }
        var period = existing?.period
        if let value = given("period") {
            if let parsed = value.stringValue.flatMap(BillingPeriod.init(rawValue:)) { period = parsed } else { check.fail("period", "must be month or year") }
        } else if existing == nil { check.fail("period", "is required: month or year") }
        var status = existing?.status ?? .active
        if let value = given("status") {
            if let parsed = value.stringValue.flatMap(PlanRecord.Status.init(rawValue:)) { status = parsed } else { check.fail("status", "must be active or retired") }
        }
        var scope = existing?.scope ?? .all
        var targetID = existing?.targetID
        if let value = given("unlocks") {
            switch try await unlocks(value) {
            case .success(let resolved): (scope, targetID) = resolved
            case .failure(let message): check.fail("unlocks", message)
            }
        }
        try check.throwIfInvalid()
        return PlanRecord(id: existing?.id ?? .v7(), code: code, title: title!, description: description,
                          price: Money(minor: price!, currency: currency!), period: period!, scope: scope, targetID: targetID, status: status)
    }

    private enum Resolution { case success((EntitlementScope, UUID?)), failure(String) }

    /// `"all"`, `"category:<slug or id>"` or `"track:<id>"`.
    private func unlocks(_ value: JSONValue) async throws -> Resolution {
        guard let text = value.stringValue else { return .failure("must be \"all\", \"category:<slug or id>\" or \"track:<id>\"") }
        if text == "all" { return .success((.all, nil)) }
        if text.hasPrefix("category:") {
            let reference = String(text.dropFirst("category:".count))
            let query = Category.query(on: database)
            if let id = UUID(uuidString: reference) { query.filter(\.$id == id) } else { query.filter(\.$slug == reference.lowercased()) }
            guard let category = try await query.first(), let id = category.id else { return .failure("names no category: \(reference)") }
            return .success((.category, id))
        }
        if text.hasPrefix("track:") {
            guard let id = UUID(uuidString: String(text.dropFirst("track:".count))), try await Track.find(id, on: database) != nil else {
                return .failure("names no track")
            }
            return .success((.track, id))
        }
        return .failure("must be \"all\", \"category:<slug or id>\" or \"track:<id>\"")
    }
}
