import CampusCore
import Foundation
import Vapor

struct CategoryDTO: Content, Equatable {
    var id: String
    var name: String
    var slug: String

    init(_ category: Category) {
        id = category.id?.wireString ?? ""
        name = category.name
        slug = category.slug
    }
}

struct TrackDTO: Content {
    var id: String
    var categoryID: String?
    var name: String
    var description: String?
    /// Present on `GET /tracks/{id}`: the track's courses in order (published ones, unless the caller manages them).
    var courses: [CourseCardDTO]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, courses
        case categoryID = "category_id"
    }

    init(_ track: Track, courses: [CourseCardDTO]? = nil) {
        id = track.id?.wireString ?? ""
        categoryID = track.categoryID?.wireString
        name = track.name
        description = track.description
        self.courses = courses
    }
}

/// A course as the catalog lists it.
struct CourseCardDTO: Content {
    var id: String
    var slug: String
    var contentID: String
    var title: String
    var description: String?
    var level: String
    var status: String
    var categoryID: String?
    var priceCents: Int?
    var currency: String?
    var isFree: Bool
    var authorID: String?
    var publishedAt: Date?
    var url: String

    enum CodingKeys: String, CodingKey {
        case id, slug, title, description, level, status, currency, url
        case contentID = "content_id"
        case categoryID = "category_id"
        case priceCents = "price_cents"
        case isFree = "is_free"
        case authorID = "author_id"
        case publishedAt = "published_at"
    }

    init(_ course: Course) {
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

struct OutlineLessonDTO: Content {
    var id: String
    var title: String
    var preview: Bool
    /// The caller's progress on it (`started`, `completed`) when they have any, including from an
    /// enrollment they later cancelled.
    var status: String?
}

struct OutlineModuleDTO: Content {
    var id: String
    var title: String
    var order: Int
    var lessons: [OutlineLessonDTO]
}

struct EnrollmentDTO: Content {
    var id: String
    var courseID: String
    var status: String
    var enrolledAt: Date
    var completedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, status
        case courseID = "course_id"
        case enrolledAt = "enrolled_at"
        case completedAt = "completed_at"
    }

    init(_ enrollment: Enrollment) {
        id = enrollment.id?.wireString ?? ""
        courseID = enrollment.courseID.wireString
        status = enrollment.status
        enrolledAt = enrollment.enrolledAt
        completedAt = enrollment.completedAt
    }
}

struct CourseProgressDTO: Content {
    var completedLessons: Int
    var totalLessons: Int
    var percent: Int
    var nextLessonID: String?
    var finalQuizPassed: Bool?

    enum CodingKeys: String, CodingKey {
        case percent
        case completedLessons = "completed_lessons"
        case totalLessons = "total_lessons"
        case nextLessonID = "next_lesson_id"
        case finalQuizPassed = "final_quiz_passed"
    }
}

/// A course card with its outline, and for a signed-in caller their enrollment and progress.
struct CourseDetailDTO: Content {
    var course: CourseCardDTO
    var modules: [OutlineModuleDTO]
    var finalQuizID: String?
    var enrollment: EnrollmentDTO?
    var progress: CourseProgressDTO?

    enum CodingKeys: String, CodingKey {
        case course, modules, enrollment, progress
        case finalQuizID = "final_quiz_id"
    }
}
