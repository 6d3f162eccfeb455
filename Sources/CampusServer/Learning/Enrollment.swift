import FluentKit
import Foundation

/// A user's place in a course: `active` until every lesson is done and the final quiz passed
/// (`completed`), or `cancelled` by the user. One live row per user and course; enrolling again
/// re-activates it.
final class Enrollment: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "enrollments"

    enum Status: String, Codable, Sendable {
        case active, completed, cancelled
    }

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "course_id") var courseID: UUID
    @Field(key: "status") var status: String
    @Field(key: "enrolled_at") var enrolledAt: Date
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(userID: UUID, courseID: UUID, at date: Date) {
        self.id = .v7()
        self.userID = userID
        self.courseID = courseID
        self.status = Status.active.rawValue
        self.enrolledAt = date
        self.createdBy = userID
        self.updatedBy = userID
    }

    var statusValue: Status { Status(rawValue: status) ?? .active }
}
