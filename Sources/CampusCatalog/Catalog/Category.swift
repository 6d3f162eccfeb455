import CampusAccounts
import CampusPlatform
import FluentKit
import Foundation

/// A catalog category (`api`, `database`…). Its slug is what quiz categories are matched by.
package final class Category: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "categories"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "slug") package var slug: String
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(name: String, slug: String, by actor: UUID?) {
        self.id = .v7()
        self.name = name
        self.slug = slug
        self.createdBy = actor
        self.updatedBy = actor
    }
}
