import CampusCore
import Foundation
import Vapor

struct LessonProgressDTO: Content {
    var status: String
    var completedAt: Date?
    var bookmarked: Bool
    var note: String?
    var timeSpentSeconds: Int

    enum CodingKeys: String, CodingKey {
        case status, bookmarked, note
        case completedAt = "completed_at"
        case timeSpentSeconds = "time_spent_seconds"
    }

    init(_ row: LessonProgress) {
        status = row.status
        completedAt = row.completedAt
        bookmarked = row.bookmarked
        note = row.note
        timeSpentSeconds = row.timeSpentSeconds
    }
}

struct LessonDTO: Content {
    var id: String
    var courseID: String
    var courseSlug: String
    var moduleID: String?
    var title: String
    var contentMDX: String
    var blocks: JSONValue
    var preview: Bool
    var quizID: String?
    var previousLessonID: String?
    var nextLessonID: String?
    /// The caller's progress; null for anonymous readers of a preview lesson and for readers not enrolled.
    var progress: LessonProgressDTO?

    enum CodingKeys: String, CodingKey {
        case id, title, blocks, preview, progress
        case courseID = "course_id"
        case courseSlug = "course_slug"
        case moduleID = "module_id"
        case contentMDX = "content_mdx"
        case quizID = "quiz_id"
        case previousLessonID = "previous_lesson_id"
        case nextLessonID = "next_lesson_id"
    }
}

struct CompletionDTO: Content {
    var lessonID: String
    var progress: LessonProgressDTO
    var enrollment: EnrollmentDTO?
    var courseProgress: CourseProgressDTO

    enum CodingKeys: String, CodingKey {
        case progress, enrollment
        case lessonID = "lesson_id"
        case courseProgress = "course_progress"
    }
}

struct HeartbeatDTO: Content {
    var creditedSeconds: Int
    var timeSpentSeconds: Int

    enum CodingKeys: String, CodingKey {
        case creditedSeconds = "credited_seconds"
        case timeSpentSeconds = "time_spent_seconds"
    }
}

struct BookmarkRequest: Content {
    var bookmarked: Bool?
}

struct NoteRequest: Content {
    var note: String?
}

/// A bookmarked or annotated lesson in the caller's lists.
struct SavedLessonDTO: Content {
    var lessonID: String
    var lessonTitle: String
    var courseID: String
    var bookmarked: Bool
    var note: String?
    var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case bookmarked, note
        case lessonID = "lesson_id"
        case lessonTitle = "lesson_title"
        case courseID = "course_id"
        case updatedAt = "updated_at"
    }
}
