import CampusPlatform
import FluentKit
import Foundation
import SQLKit

extension LessonProgress {
    static let columns = ["id", "user_id", "course_id", "lesson_content_id", "status", "completed_at", "bookmarked", "note",
                          "time_spent_seconds", "last_heartbeat_at", "heartbeats", "created_at", "updated_at", "deleted_at",
                          "created_by", "updated_by"]

    /// The user's row for the lesson, read with one plain statement (see `PlainRowOutput`).
    static func load(userID: UUID, lessonID: String, on database: any Database) async throws -> LessonProgress? {
        guard let row = try await database.sql.raw("""
            SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM lesson_progress
            WHERE user_id = \(bind: userID) AND lesson_content_id = \(bind: lessonID) AND deleted_at IS NULL LIMIT 1
            """).first() else { return nil }
        return try decode(PlainRowOutput(row))
    }

    static func decode(_ output: PlainRowOutput) throws -> LessonProgress {
        let progress = LessonProgress()
        try output.fill(progress.$id, progress.$userID, progress.$courseID, progress.$lessonContentID, progress.$status,
                        progress.$completedAt, progress.$bookmarked, progress.$note, progress.$timeSpentSeconds,
                        progress.$lastHeartbeatAt, progress.$heartbeats, progress.$createdAt, progress.$updatedAt,
                        progress.$deletedAt, progress.$createdBy, progress.$updatedBy)
        return progress
    }
}
