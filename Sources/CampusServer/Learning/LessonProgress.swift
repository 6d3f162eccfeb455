import FluentKit
import Foundation

/// What one user did with one lesson: opened it (`started`), finished it (`completed`), bookmarked it,
/// wrote a note, and how long it was open (credited by heartbeats).
final class LessonProgress: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "lesson_progress"

    enum Status: String, Codable, Sendable {
        case started, completed
    }

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "course_id") var courseID: UUID
    @Field(key: "lesson_content_id") var lessonContentID: String
    @Field(key: "status") var status: String
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Field(key: "bookmarked") var bookmarked: Bool
    @OptionalField(key: "note") var note: String?
    @Field(key: "time_spent_seconds") var timeSpentSeconds: Int
    @OptionalField(key: "last_heartbeat_at") var lastHeartbeatAt: Date?
    /// Bumped by every write of `last_heartbeat_at`: the version a heartbeat's conditional update checks.
    @Field(key: "heartbeats") var heartbeats: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(userID: UUID, courseID: UUID, lessonContentID: String) {
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

    var isCompleted: Bool { status == Status.completed.rawValue }
}
