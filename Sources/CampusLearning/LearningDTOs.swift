import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Foundation
import Vapor

package struct LessonProgressDTO: Content {
    package var status: String
    package var completedAt: Date?
    package var bookmarked: Bool
    package var note: String?
    package var timeSpentSeconds: Int

    package enum CodingKeys: String, CodingKey {
        case status, bookmarked, note
        case completedAt = "completed_at"
        case timeSpentSeconds = "time_spent_seconds"
    }

    package init(_ row: LessonProgress) {
        self.init(status: row.status, completedAt: row.completedAt, bookmarked: row.bookmarked, note: row.note,
                  timeSpentSeconds: row.timeSpentSeconds)
    }

    package init(status: String, completedAt: Date?, bookmarked: Bool, note: String?, timeSpentSeconds: Int) {
        self.status = status
        self.completedAt = completedAt
        self.bookmarked = bookmarked
        self.note = note
        self.timeSpentSeconds = timeSpentSeconds
    }
}

package struct LessonDTO: Content {
    package var id: String
    package var courseID: String
    package var courseSlug: String
    package var moduleID: String?
    package var title: String
    package var contentMDX: String
    package var blocks: JSONValue
    package var preview: Bool
    package var quizID: String?
    package var previousLessonID: String?
    package var nextLessonID: String?
    /// The caller's progress; null for anonymous readers of a preview lesson and for readers not enrolled.
    package var progress: LessonProgressDTO?
    /// Practice exercises linked from the lesson; `passed` is null for readers who are not enrolled.
    package var practices: [LessonPracticeLink]

    package init(id: String, courseID: String, courseSlug: String, moduleID: String? = nil, title: String, contentMDX: String, blocks: JSONValue, preview: Bool, quizID: String? = nil, previousLessonID: String? = nil, nextLessonID: String? = nil, progress: LessonProgressDTO? = nil, practices: [LessonPracticeLink] = []) {
        self.id = id
        self.courseID = courseID
        self.courseSlug = courseSlug
        self.moduleID = moduleID
        self.title = title
        self.contentMDX = contentMDX
        self.blocks = blocks
        self.preview = preview
        self.quizID = quizID
        self.previousLessonID = previousLessonID
        self.nextLessonID = nextLessonID
        self.progress = progress
        self.practices = practices
    }

    package enum CodingKeys: String, CodingKey {
        case id, title, blocks, preview, progress, practices
        case courseID = "course_id"
        case courseSlug = "course_slug"
        case moduleID = "module_id"
        case contentMDX = "content_mdx"
        case quizID = "quiz_id"
        case previousLessonID = "previous_lesson_id"
        case nextLessonID = "next_lesson_id"
    }
}

package struct CompletionDTO: Content {
    package var lessonID: String
    package var progress: LessonProgressDTO
    package var enrollment: EnrollmentDTO?
    package var courseProgress: CourseProgressDTO
    /// Achievements this completion earned (empty when none).
    package var awarded: [EarnedAward]

    package init(lessonID: String, progress: LessonProgressDTO, enrollment: EnrollmentDTO? = nil, courseProgress: CourseProgressDTO,
                 awarded: [EarnedAward] = []) {
        self.lessonID = lessonID
        self.progress = progress
        self.enrollment = enrollment
        self.courseProgress = courseProgress
        self.awarded = awarded
    }

    package enum CodingKeys: String, CodingKey {
        case progress, enrollment, awarded
        case lessonID = "lesson_id"
        case courseProgress = "course_progress"
    }
}

package struct HeartbeatDTO: Content {
    package var creditedSeconds: Int
    package var timeSpentSeconds: Int
    package var awarded: [EarnedAward]

    package init(creditedSeconds: Int, timeSpentSeconds: Int, awarded: [EarnedAward] = []) {
        self.creditedSeconds = creditedSeconds
        self.timeSpentSeconds = timeSpentSeconds
        self.awarded = awarded
    }

    package enum CodingKeys: String, CodingKey {
        case awarded
        case creditedSeconds = "credited_seconds"
        case timeSpentSeconds = "time_spent_seconds"
    }
}

package struct BookmarkRequest: Content {
    package var bookmarked: Bool?

    package init(bookmarked: Bool? = nil) {
        self.bookmarked = bookmarked
    }
}

package struct NoteRequest: Content {
    package var note: String?

    package init(note: String? = nil) {
        self.note = note
    }
}

/// A bookmarked or annotated lesson in the caller's lists.
package struct SavedLessonDTO: Content {
    package var lessonID: String
    package var lessonTitle: String
    package var courseID: String
    package var bookmarked: Bool
    package var note: String?
    package var updatedAt: Date?

    package init(lessonID: String, lessonTitle: String, courseID: String, bookmarked: Bool, note: String? = nil, updatedAt: Date? = nil) {
        self.lessonID = lessonID
        self.lessonTitle = lessonTitle
        self.courseID = courseID
        self.bookmarked = bookmarked
        self.note = note
        self.updatedAt = updatedAt
    }

    package enum CodingKeys: String, CodingKey {
        case bookmarked, note
        case lessonID = "lesson_id"
        case lessonTitle = "lesson_title"
        case courseID = "course_id"
        case updatedAt = "updated_at"
    }
}
