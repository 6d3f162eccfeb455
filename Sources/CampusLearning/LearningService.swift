import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Enrollments, lesson progress and what follows from them (course completion, streaks), shared by the
/// catalog, lesson, dashboard and quiz routes.
package struct LearningService: Sendable {
    package let platform: PlatformServices
    package let database: any Database
    /// What completing a lesson asks beyond reading it (passing its required practice exercises).
    package let lessonRequirements: any LessonRequirements
    /// Asked again when an enrolled learner opens a paid course's lesson, so access ends with the
    /// entitlement (a refund, a lapsed subscription); nil where only enrollment matters.
    package let accessPolicy: (any AccessPolicy)?
    /// Course rows read for a lesson, shared by every caller for a moment (nil: always read).
    package let catalogCache: CatalogCache?

    package init(platform: PlatformServices, database: any Database, lessonRequirements: any LessonRequirements = NoLessonRequirements(),
                 accessPolicy: (any AccessPolicy)? = nil, catalogCache: CatalogCache? = nil) {
        self.platform = platform
        self.database = database
        self.lessonRequirements = lessonRequirements
        self.accessPolicy = accessPolicy
        self.catalogCache = catalogCache
    }

    package init(_ req: Request) {
        self.init(platform: req.platform, database: req.campusDB, lessonRequirements: req.catalog.lessonRequirements,
                  accessPolicy: req.catalog.accessPolicy, catalogCache: req.catalog.cache)
    }

    package var now: Date { platform.clock.now() }
    package var content: any ContentStore { platform.content }
    /// What the catalog asks of learning, answered by learning itself.
    package var records: LearningRecords { LearningRecords(platform: platform) }

    package func outline(of course: Course) async throws -> CourseOutline {
        try await CourseDetails(content: content, learners: records, database: database).outline(of: course)
    }

    package func enrollment(userID: UUID, courseID: UUID) async throws -> Enrollment? {
        try await Enrollment.load(userID: userID, courseID: courseID, on: database)
    }

    package func progressRows(userID: UUID, courseID: UUID) async throws -> [LessonProgress] {
        try await LessonProgress.query(on: database).filter(\.$userID == userID).filter(\.$courseID == courseID).all()
    }

    package func finalQuizPassed(userID: UUID, quizID: String?) async throws -> Bool? {
        guard let quizID else { return nil }
        return try await QuizPasses(database: database).hasPassed(userID: userID, quizID: quizID)
    }

    /// What a learner has done in one course: the progress rows and whether the final quiz is passed.
    package struct CourseState {
        package var rows: [LessonProgress]
        package var finalQuizPassed: Bool?

        package init(rows: [LessonProgress], finalQuizPassed: Bool? = nil) {
            self.rows = rows
            self.finalQuizPassed = finalQuizPassed
        }

        package var completedLessons: Set<String> { Set(rows.filter(\.isCompleted).map(\.lessonContentID)) }
    }

    package func state(userID: UUID, courseID: UUID, outline: CourseOutline) async throws -> CourseState {
        CourseState(rows: try await progressRows(userID: userID, courseID: courseID),
                    finalQuizPassed: try await finalQuizPassed(userID: userID, quizID: outline.finalQuizID))
    }

    package func progress(outline: CourseOutline, state: CourseState) -> CourseProgressDTO {
        let lessonIDs = outline.lessonIDs
        let completed = state.completedLessons.intersection(lessonIDs)
        return CourseProgressDTO(completedLessons: completed.count, totalLessons: lessonIDs.count,
                                 percent: CourseProgress.percent(completed: completed.count, total: lessonIDs.count),
                                 nextLessonID: CourseProgress.nextLesson(ordered: lessonIDs, completed: completed),
                                 finalQuizPassed: state.finalQuizPassed)
    }

    /// Marks the enrollment completed once every lesson is done and the final quiz (if any) passed.
    /// A caller that already read the learner's `state` passes it, so it is not read twice.
    package func refreshCompletion(userID: UUID, course: Course, outline: CourseOutline? = nil,
                           state known: CourseState? = nil) async throws -> Enrollment? {
        let courseID = try course.requireID()
        guard let enrollment = try await enrollment(userID: userID, courseID: courseID),
              enrollment.statusValue == .active else { return nil }
        let outline = if let outline { outline } else { try await self.outline(of: course) }
        let state = if let known { known } else { try await state(userID: userID, courseID: courseID, outline: outline) }
        guard CourseProgress.isCourseComplete(lessonIDs: outline.lessonIDs, completed: state.completedLessons,
                                              finalQuizPassed: state.finalQuizPassed) else {
            return enrollment
        }
        enrollment.status = Enrollment.Status.completed.rawValue
        enrollment.completedAt = now
        enrollment.updatedBy = userID
        try await enrollment.save(on: database)
        return enrollment
    }

    /// A lesson completed or a quiz submitted: the day counts for the streak, in the user's time zone.
    package func recordActivity(userID: UUID) async throws {
        for _ in 0..<3 {
            let (zoneName, existing) = try await UserStreak.load(userID: userID, on: database)
            let zone = TimeZone(identifier: zoneName) ?? .gmt
            let row = existing ?? UserStreak(userID: userID)
            let updated = StreakRules.recordActivity(row.state, at: now, timeZone: zone)
            if updated == row.state && row.$id.exists { return }
            row.state = updated
            row.updatedBy = userID
            do {
                try await row.save(on: database)
                return
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue   // a parallel first activity created the row; read it and apply ours on top
            }
        }
    }

    /// After a completed quiz attempt: the streak, and completion of courses whose final quiz it is.
    package func quizSubmitted(userID: UUID, quizID: String) async throws {
        try await recordActivity(userID: userID)
        let active = try await database.sql.raw("""
            SELECT course_id FROM enrollments WHERE user_id = \(bind: userID) AND status = \(bind: Enrollment.Status.active.rawValue)
              AND deleted_at IS NULL
            """).all().map { try $0.decode(column: "course_id", as: UUID.self) }
        guard !active.isEmpty else { return }
        let courses = try await Course.query(on: database).filter(\.$id ~~ active).all()
        let documents = try await content.getMany(ContentCollection.courses, ids: courses.map(\.contentID))
        for course in courses {
            guard let document = documents[course.contentID] else { continue }
            let outline = CourseOutline(document)
            if outline.finalQuizID == quizID {
                _ = try await refreshCompletion(userID: userID, course: course, outline: outline)
            }
        }
    }
}
