import FluentKit
import Foundation

/// A learning track: an ordered list of courses within a category (the order is in `track_courses`).
final class Track: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "tracks"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @OptionalField(key: "category_id") var categoryID: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(categoryID: UUID?, name: String, description: String?, by actor: UUID?) {
        self.id = .v7()
        self.categoryID = categoryID
        self.name = name
        self.description = description
        self.createdBy = actor
        self.updatedBy = actor
    }
}

/// One course's place in a track.
final class TrackCourse: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "track_courses"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "track_id") var trackID: UUID
    @Field(key: "course_id") var courseID: UUID
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(trackID: UUID, courseID: UUID, position: Int, by actor: UUID?) {
        self.id = .v7()
        self.trackID = trackID
        self.courseID = courseID
        self.position = position
        self.createdBy = actor
        self.updatedBy = actor
    }
}
