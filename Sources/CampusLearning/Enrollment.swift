import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation

/// A user's place in a course: `active` until every lesson is done and the final quiz passed
/// (`completed`), or `cancelled` by the user. One live row per user and course; enrolling again
/// re-activates it.
package final class Enrollment: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "enrollments"

    package enum Status: String, Codable, Sendable {
        case active, completed, cancelled
    }

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "user_id") package var userID: UUID
    @Field(key: "course_id") package var courseID: UUID
    @Field(key: "status") package var status: String
    @Field(key: "enrolled_at") package var enrolledAt: Date
    @OptionalField(key: "completed_at") package var completedAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(userID: UUID, courseID: UUID, at date: Date) {
        self.id = .v7()
        self.userID = userID
        self.courseID = courseID
        self.status = Status.active.rawValue
        self.enrolledAt = date
        self.createdBy = userID
        self.updatedBy = userID
    }

    package var statusValue: Status { Status(rawValue: status) ?? .active }
}
