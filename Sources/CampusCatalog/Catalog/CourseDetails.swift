import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// A course's page: its card and outline, and for a signed-in caller their enrollment and progress.
package struct CourseDetails: Sendable {
    package let content: any ContentStore
    package let learners: any LearnerRecords
    package let database: any Database

    package init(content: any ContentStore, learners: any LearnerRecords, database: any Database) {
        self.content = content
        self.learners = learners
        self.database = database
    }

    package func outline(of course: Course) async throws -> CourseOutline {
        guard let document = try await content.get(ContentCollection.courses, id: course.contentID) else {
            return CourseOutline([:])
        }
        return CourseOutline(document)
    }

    package func detail(of course: Course, caller: AuthContext?) async throws -> CourseDetailDTO {
        let outline = try await outline(of: course)
        let lessons = try await content.getMany(ContentCollection.lessons, ids: outline.lessonIDs)
        let learner = if let caller { try await learners.courseView(of: course, outline: outline, userID: caller.userID, on: database) }
                      else { LearnerCourseView?.none }
        let statusByLesson = learner?.lessonStatus ?? [:]
        let modules = outline.modules.map { module in
            OutlineModuleDTO(id: module.id, title: module.title, order: module.order, lessons: module.lessonIDs.map { id in
                OutlineLessonDTO(id: id, title: lessons[id]?["title"]?.stringValue ?? "",
                                 preview: lessons[id]?["preview"]?.boolValue ?? false, status: statusByLesson[id])
            })
        }
        return CourseDetailDTO(course: CourseCardDTO(course), modules: modules, finalQuizID: outline.finalQuizID,
                               enrollment: learner?.enrollment, progress: learner?.progress)
    }
}
