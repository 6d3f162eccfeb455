import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation

/// What one user did with one lesson: opened it (`started`), finished it (`completed`), bookmarked it,
/// wrote a note, and how long it was open (credited by heartbeats).
package final class LessonProgress: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "lesson_progress"

    package enum Status: String, Codable, Sendable {
        case started, completed
    }

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "user_id") package var userID: UUID
    @Field(key: "course_id") package var courseID: UUID
    @Field(key: "lesson_content_id") package var lessonContentID: String
    @Field(key: "status") package var status: String
    @OptionalField(key: "completed_at") package var completedAt: Date?
    @Field(key: "bookmarked") package var bookmarked: Bool
    @OptionalField(key: "note") package var note: String?
    @Field(key: "time_spent_seconds") package var timeSpentSeconds: Int
    @OptionalField(key: "last_heartbeat_at") package var lastHeartbeatAt: Date?
    /// Bumped by every write of `last_heartbeat_at`: the version a heartbeat's conditional update checks.
    @Field(key: "heartbeats") package var heartbeats: Int
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(userID: UUID, courseID: UUID, lessonContentID: String) {
        self.id = .v7()
        self.userID = userID
        self.courseID = courseID
        self.lessonContentID = lessonContentID
        self.status = Status.started.rawValue
        self.bookmarked = false
        self.timeSpentSeconds = 0
        self.heartbeats = 0
        self.createdBy = userID
        self.updatedBy = userID
    }

    package var isCompleted: Bool { status == Status.completed.rawValue }
}
