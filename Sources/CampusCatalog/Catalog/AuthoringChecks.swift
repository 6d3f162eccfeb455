import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// The field rules of catalog writes, shared by the authoring service and content authoring.
package enum AuthoringChecks {
    /// Slugs are unique among live rows; a clash is the client's 409, not a 500.
    package static func uniqueSlug(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw CatalogError.slugTaken
        }
    }

    /// The one check for every write that points a course row at course content: admins may point at
    /// any; an author only at content not written yet or written by them. Content an admin imported has
    /// no author and stays the admins'.
    package static func requireClaimable(_ contentID: String, caller: AuthContext, content: any ContentStore) async throws {
        guard caller.role != .admin,
              let document = try await content.get(ContentCollection.courses, id: contentID) else { return }
        guard document["author_id"]?.stringValue == caller.userID.wireString else { throw CatalogError.notYourContent }
    }

    package static func slug(_ raw: String?, field: String, check: inout FieldValidator) -> String? {
        guard let value = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !value.isEmpty else {
            check.fail(field, "is required")
            return nil
        }
        guard Slug.isValid(value) else {
            check.fail(field, Slug.rule)
            return nil
        }
        return value
    }

    package static func level(_ raw: String, check: inout FieldValidator) -> CourseLevel? {
        guard let level = CourseLevel(lenient: raw) else {
            check.fail("level", "must be one of \(CourseLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return level
    }

    /// `nil` or 0 is free; a positive price needs an ISO 4217 currency code.
    package static func price(_ cents: Int?, currency: String?, check: inout FieldValidator) -> (cents: Int?, currency: String?) {
        guard let cents, cents != 0 else { return (nil, nil) }
        guard cents > 0, cents <= 100_000_000 else {
            check.fail("price_cents", "must be a whole number of minor units from 0 to 100000000, or null for free")
            return (nil, nil)
        }
        guard let code = currency?.uppercased(), code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            check.fail("currency", "is required with a price: a three-letter ISO 4217 code such as RUB or USD")
            return (nil, nil)
        }
        return (cents, code)
    }
}
