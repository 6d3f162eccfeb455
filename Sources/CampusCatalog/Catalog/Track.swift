import CampusAccounts
import CampusPlatform
import FluentKit
import Foundation

/// A learning track: an ordered list of courses within a category (the order is in `track_courses`).
package final class Track: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "tracks"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @OptionalField(key: "category_id") package var categoryID: UUID?
    @Field(key: "name") package var name: String
    @OptionalField(key: "description") package var description: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(categoryID: UUID?, name: String, description: String?, by actor: UUID?) {
        self.id = .v7()
        self.categoryID = categoryID
        self.name = name
        self.description = description
        self.createdBy = actor
        self.updatedBy = actor
    }
}

/// One course's place in a track.
package final class TrackCourse: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "track_courses"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "track_id") package var trackID: UUID
    @Field(key: "course_id") package var courseID: UUID
    @Field(key: "position") package var position: Int
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(trackID: UUID, courseID: UUID, position: Int, by actor: UUID?) {
        self.id = .v7()
        self.trackID = trackID
        self.courseID = courseID
        self.position = position
        self.createdBy = actor
        self.updatedBy = actor
    }
}
