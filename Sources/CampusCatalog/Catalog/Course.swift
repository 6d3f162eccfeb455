import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// The catalog card of a course and who may change it; what the course teaches is `course_content`
/// under `content_id`. Title and description are kept here too, because the catalog lists and searches
/// them without touching the content store.
package final class Course: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "courses"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "content_id") package var contentID: String
    @Field(key: "slug") package var slug: String
    @OptionalField(key: "category_id") package var categoryID: UUID?
    @Field(key: "title") package var title: String
    @OptionalField(key: "description") package var description: String?
    @Field(key: "level") package var level: String
    @Field(key: "status") package var status: String
    /// `nil` is a free course; otherwise the one-off price in minor units of `currency`.
    @OptionalField(key: "price_cents") package var priceCents: Int?
    @OptionalField(key: "currency") package var currency: String?
    @OptionalField(key: "author_id") package var authorID: UUID?
    @OptionalField(key: "published_at") package var publishedAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(contentID: String, slug: String, categoryID: UUID?, title: String, description: String?,
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

    package var statusValue: CourseStatus { CourseStatus(rawValue: status) ?? .draft }
    package var isFree: Bool { priceCents == nil || priceCents == 0 }
}
