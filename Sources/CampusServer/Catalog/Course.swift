import CampusCore
import FluentKit
import Foundation

/// The catalog card of a course and who may change it; what the course teaches is `course_content`
/// under `content_id`. Title and description are kept here too, because the catalog lists and searches
/// them without touching the content store.
final class Course: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "courses"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "content_id") var contentID: String
    @Field(key: "slug") var slug: String
    @OptionalField(key: "category_id") var categoryID: UUID?
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var description: String?
    @Field(key: "level") var level: String
    @Field(key: "status") var status: String
    /// `nil` is a free course; otherwise the one-off price in minor units of `currency`.
    @OptionalField(key: "price_cents") var priceCents: Int?
    @OptionalField(key: "currency") var currency: String?
    @OptionalField(key: "author_id") var authorID: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(contentID: String, slug: String, categoryID: UUID?, title: String, description: String?,
         level: CourseLevel, priceCents: Int?, currency: String?, authorID: UUID?) {
        self.id = .v7()
        self.contentID = contentID
        self.slug = slug
        self.categoryID = categoryID
        self.title = title
        self.description = description
        self.level = level.rawValue
        self.status = CourseStatus.draft.rawValue
        self.priceCents = priceCents
        self.currency = currency
        self.authorID = authorID
        self.createdBy = authorID
        self.updatedBy = authorID
    }

    var statusValue: CourseStatus { CourseStatus(rawValue: status) ?? .draft }
    var isFree: Bool { priceCents == nil || priceCents == 0 }
}
