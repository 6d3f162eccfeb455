import FluentKit
import Foundation

/// A catalog category (`api`, `database`…). Its slug is what quiz categories are matched by.
final class Category: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "categories"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(name: String, slug: String, by actor: UUID?) {
        self.id = .v7()
        self.name = name
        self.slug = slug
        self.createdBy = actor
        self.updatedBy = actor
    }
}
