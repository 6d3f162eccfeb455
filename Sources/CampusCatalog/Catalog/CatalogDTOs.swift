import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation
import Vapor

package struct CategoryDTO: Content, Equatable {
    package var id: String
    package var name: String
    package var slug: String

    package init(_ category: Category) {
        id = category.id?.wireString ?? ""
        name = category.name
        slug = category.slug
    }
}

package struct TrackDTO: Content {
    package var id: String
    package var categoryID: String?
    package var name: String
    package var description: String?
    /// Present on `GET /tracks/{id}`: the track's courses in order (published ones, unless the caller manages them).
    package var courses: [CourseCardDTO]?

    package enum CodingKeys: String, CodingKey {
        case id, name, description, courses
        case categoryID = "category_id"
    }

    package init(_ track: Track, courses: [CourseCardDTO]? = nil) {
        id = track.id?.wireString ?? ""
        categoryID = track.categoryID?.wireString
        name = track.name
        description = track.description
        self.courses = courses
    }
}

/// A course as the catalog lists it.
package struct CourseCardDTO: Content {
    package var id: String
    package var slug: String
    package var contentID: String
    package var title: String
    package var description: String?
    package var level: String
    package var status: String
    package var categoryID: String?
    package var priceCents: Int?
    package var currency: String?
    package var isFree: Bool
    package var authorID: String?
    package var publishedAt: Date?
    package var url: String

    package enum CodingKeys: String, CodingKey {
        case id, slug, title, description, level, status, currency, url
        case contentID = "content_id"
        case categoryID = "category_id"
        case priceCents = "price_cents"
        case isFree = "is_free"
        case authorID = "author_id"
        case publishedAt = "published_at"
    }

    package init(_ course: Course) {
        id = course.id?.wireString ?? ""
        slug = course.slug
        contentID = course.contentID
        title = course.title
        description = course.description
        level = course.level
        status = course.status
        categoryID = course.categoryID?.wireString
        priceCents = course.priceCents
        currency = course.priceCents == nil ? nil : course.currency
        isFree = course.isFree
        authorID = course.authorID?.wireString
        publishedAt = course.publishedAt
        url = "/api/v1/courses/\(course.slug)"
    }
}

package struct OutlineLessonDTO: Content {
    package var id: String
    package var title: String
    package var preview: Bool
    /// The caller's progress on it (`started`, `completed`) when they have any, including from an
    /// enrollment they later cancelled.
    package var status: String?

    package init(id: String, title: String, preview: Bool, status: String? = nil) {
        self.id = id
        self.title = title
        self.preview = preview
        self.status = status
    }
}

package struct OutlineModuleDTO: Content {
    package var id: String
    package var title: String
    package var order: Int
    package var lessons: [OutlineLessonDTO]

    package init(id: String, title: String, order: Int, lessons: [OutlineLessonDTO]) {
        self.id = id
        self.title = title
        self.order = order
        self.lessons = lessons
    }
}

package struct EnrollmentDTO: Content {
    package var id: String
    package var courseID: String
    package var status: String
    package var enrolledAt: Date
    package var completedAt: Date?
    /// Achievements the enrollment just earned; only in the answer to enrolling.
    package var awarded: [EarnedAward]?

    package enum CodingKeys: String, CodingKey {
        case id, status, awarded
        case courseID = "course_id"
        case enrolledAt = "enrolled_at"
        case completedAt = "completed_at"
    }

    package init(id: String, courseID: String, status: String, enrolledAt: Date, completedAt: Date?) {
        self.id = id
        self.courseID = courseID
        self.status = status
        self.enrolledAt = enrolledAt
        self.completedAt = completedAt
    }
}

package struct CourseProgressDTO: Content {
    package var completedLessons: Int
    package var totalLessons: Int
    package var percent: Int
    package var nextLessonID: String?
    package var finalQuizPassed: Bool?

    package init(completedLessons: Int, totalLessons: Int, percent: Int, nextLessonID: String? = nil, finalQuizPassed: Bool? = nil) {
        self.completedLessons = completedLessons
        self.totalLessons = totalLessons
        self.percent = percent
        self.nextLessonID = nextLessonID
        self.finalQuizPassed = finalQuizPassed
    }

    package enum CodingKeys: String, CodingKey {
        case percent
        case completedLessons = "completed_lessons"
        case totalLessons = "total_lessons"
        case nextLessonID = "next_lesson_id"
        case finalQuizPassed = "final_quiz_passed"
    }
}

/// A course card with its outline, and for a signed-in caller their enrollment and progress.
package struct CourseDetailDTO: Content {
    package var course: CourseCardDTO
    package var modules: [OutlineModuleDTO]
    package var finalQuizID: String?
    package var enrollment: EnrollmentDTO?
    package var progress: CourseProgressDTO?

    package init(course: CourseCardDTO, modules: [OutlineModuleDTO], finalQuizID: String? = nil, enrollment: EnrollmentDTO? = nil, progress: CourseProgressDTO? = nil) {
        self.course = course
        self.modules = modules
        self.finalQuizID = finalQuizID
        self.enrollment = enrollment
        self.progress = progress
    }

    package enum CodingKeys: String, CodingKey {
        case course, modules, enrollment, progress
        case finalQuizID = "final_quiz_id"
    }
}
