import CampusCore
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Enrollments, lesson progress and what follows from them (course completion, streaks), shared by the
/// catalog, lesson, dashboard and quiz routes.
struct LearningService: Sendable {
    let services: CampusServices
    let database: any Database

    init(services: CampusServices, database: any Database) {
        self.services = services
        self.database = database
    }

    init(_ req: Request) {
        self.init(services: req.campus, database: req.campusDB)
    }

    var now: Date { services.clock.now() }
    var content: any ContentStore { services.content }

    func outline(of course: Course) async throws -> CourseOutline {
        guard let document = try await content.get(ContentCollection.courses, id: course.contentID) else {
            return CourseOutline([:])
        }
        return CourseOutline(document)
    }

    func enrollment(userID: UUID, courseID: UUID) async throws -> Enrollment? {
        try await Enrollment.query(on: database).filter(\.$userID == userID).filter(\.$courseID == courseID).first()
    }

    func progressRows(userID: UUID, courseID: UUID) async throws -> [LessonProgress] {
        try await LessonProgress.query(on: database).filter(\.$userID == userID).filter(\.$courseID == courseID).all()
    }

    func finalQuizPassed(userID: UUID, quizID: String?) async throws -> Bool? {
        guard let quizID else { return nil }
        let passed = try await QuizAttempt.query(on: database).filter(\.$userID == userID)
            .filter(\.$quizContentID == quizID).filter(\.$passed == true).first()
        return passed != nil
    }

    /// What a learner has done in one course: the progress rows and whether the final quiz is passed.
    struct CourseState {
        var rows: [LessonProgress]
        var finalQuizPassed: Bool?

        var completedLessons: Set<String> { Set(rows.filter(\.isCompleted).map(\.lessonContentID)) }
    }

    func state(userID: UUID, courseID: UUID, outline: CourseOutline) async throws -> CourseState {
        CourseState(rows: try await progressRows(userID: userID, courseID: courseID),
                    finalQuizPassed: try await finalQuizPassed(userID: userID, quizID: outline.finalQuizID))
    }

    func progress(outline: CourseOutline, state: CourseState) -> CourseProgressDTO {
        let lessonIDs = outline.lessonIDs
        let completed = state.completedLessons.intersection(lessonIDs)
        return CourseProgressDTO(completedLessons: completed.count, totalLessons: lessonIDs.count,
                                 percent: CourseProgress.percent(completed: completed.count, total: lessonIDs.count),
                                 nextLessonID: CourseProgress.nextLesson(ordered: lessonIDs, completed: completed),
                                 finalQuizPassed: state.finalQuizPassed)
    }

    /// The course card with its outline; for a signed-in caller also their enrollment and progress.
    func detail(of course: Course, caller: AuthContext?) async throws -> CourseDetailDTO {
        let courseID = try course.requireID()
        let outline = try await outline(of: course)
        let lessons = try await content.getMany(ContentCollection.lessons, ids: outline.lessonIDs)
        var enrollment: Enrollment?
        var rows: [LessonProgress] = []
        var progress: CourseProgressDTO?
        if let caller {
            enrollment = try await self.enrollment(userID: caller.userID, courseID: courseID)
            if enrollment != nil {
                let state = try await state(userID: caller.userID, courseID: courseID, outline: outline)
                rows = state.rows
                progress = self.progress(outline: outline, state: state)
            }
        }
        let statusByLesson = Dictionary(rows.map { ($0.lessonContentID, $0.status) }, uniquingKeysWith: { first, _ in first })
        let modules = outline.modules.map { module in
            OutlineModuleDTO(id: module.id, title: module.title, order: module.order, lessons: module.lessonIDs.map { id in
                OutlineLessonDTO(id: id, title: lessons[id]?["title"]?.stringValue ?? "",
                                 preview: lessons[id]?["preview"]?.boolValue ?? false, status: statusByLesson[id])
            })
        }
        return CourseDetailDTO(course: CourseCardDTO(course), modules: modules, finalQuizID: outline.finalQuizID,
                               enrollment: enrollment.map(EnrollmentDTO.init), progress: progress)
    }

    /// Marks the enrollment completed once every lesson is done and the final quiz (if any) passed.
    /// A caller that already read the learner's `state` passes it, so it is not read twice.
    func refreshCompletion(userID: UUID, course: Course, outline: CourseOutline? = nil,
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
    func recordActivity(userID: UUID) async throws {
        let zoneName = try await User.find(userID, on: database)?.timeZone ?? "UTC"
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        for _ in 0..<3 {
            let row = try await UserStreak.query(on: database).filter(\.$userID == userID).first() ?? UserStreak(userID: userID)
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

    /// After a quiz submission: the streak, and completion of courses whose final quiz it is.
    func quizSubmitted(userID: UUID, quizID: String) async throws {
        try await recordActivity(userID: userID)
        let enrollments = try await Enrollment.query(on: database).filter(\.$userID == userID)
            .filter(\.$status == Enrollment.Status.active.rawValue).all()
        guard !enrollments.isEmpty else { return }
        let courses = try await Course.query(on: database).filter(\.$id ~~ enrollments.map(\.courseID)).all()
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
