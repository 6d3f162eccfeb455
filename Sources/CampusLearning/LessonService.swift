import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// A learner and one lesson: reading it, completing it, bookmarks, notes and time on task. Progress is
/// kept only for enrolled learners; the first opening records `started`.
package struct LessonService: Sendable {
    package let learning: LearningService

    package init(_ learning: LearningService) {
        self.learning = learning
    }

    private var database: any Database { learning.database }

    package func show(_ lessonID: String, caller: AuthContext?) async throws -> LessonDTO {
        let access = try await LessonAccess.open(lessonID, caller: caller, learning: learning, withPractices: true,
                                                learnerColumns: .shown)
        var progress: LessonProgressDTO?
        if let caller, access.isEnrolled {
            progress = try access.learner?.progressDTO()
            if progress == nil { progress = LessonProgressDTO(try await progressRow(access, userID: caller.userID)) }
        }
        let outline = try await learning.outline(of: access.course)
        let ordered = outline.lessonIDs
        let position = ordered.firstIndex(of: access.lessonID)
        let document = access.document
        let practices = access.practices
        return LessonDTO(
            id: access.lessonID, courseID: access.course.id?.wireString ?? "", courseSlug: access.course.slug,
            moduleID: outline.module(of: access.lessonID)?.id, title: document["title"]?.stringValue ?? "",
            contentMDX: document["content_mdx"]?.stringValue ?? "", blocks: document["blocks"] ?? .array([]),
            preview: access.isPreview, quizID: document["quiz_id"]?.stringValue,
            previousLessonID: position.flatMap { $0 > 0 ? ordered[$0 - 1] : nil },
            nextLessonID: position.flatMap { $0 + 1 < ordered.count ? ordered[$0 + 1] : nil },
            progress: progress, practices: practices)
    }

    /// Completes the lesson (once; the day counts for the streak) and, with it, perhaps the course.
    package func complete(_ lessonID: String, caller: AuthContext) async throws -> CompletionDTO {
        let access = try await enrolledAccess(lessonID, caller: caller)
        let row = try await progressRow(access, userID: caller.userID)
        let newlyCompleted = !row.isCompleted
        if !row.isCompleted {
            let unmet = try await learning.lessonRequirements.unmet(lessonID: access.lessonID, userID: caller.userID, on: database)
            if !unmet.isEmpty { throw LearningError.practiceRequired(unmet) }
            row.status = LessonProgress.Status.completed.rawValue
            row.completedAt = learning.now
            row.updatedBy = caller.userID
            try await row.save(on: database)
            try await learning.recordActivity(userID: caller.userID)
        }
        let outline = try await learning.outline(of: access.course)
        let state = try await learning.state(userID: caller.userID, courseID: try access.course.requireID(), outline: outline)
        let wasCompleted = access.learner?.status == .completed
        let enrollment = try await learning.refreshCompletion(userID: caller.userID, course: access.course, outline: outline, state: state)
            ?? access.enrollment()
        var awarded: [EarnedAward] = []
        if newlyCompleted {
            awarded += await learning.platform.activity.record(.init(.lessonCompleted, userID: caller.userID, reference: access.lessonID), on: database)
        }
        if !wasCompleted && enrollment?.statusValue == .completed {
            awarded += await learning.platform.activity.record(.init(.courseCompleted, userID: caller.userID, reference: access.course.contentID), on: database)
        }
        return CompletionDTO(lessonID: access.lessonID, progress: LessonProgressDTO(row), enrollment: enrollment.map(EnrollmentDTO.init),
                             courseProgress: learning.progress(outline: outline, state: state), awarded: awarded)
    }

    package func setBookmark(_ lessonID: String, bookmarked: Bool, caller: AuthContext) async throws -> LessonProgressDTO {
        try await change(lessonID, caller: caller) { $0.bookmarked = bookmarked }
    }

    /// An empty note removes it.
    package func setNote(_ lessonID: String, text: String, caller: AuthContext) async throws -> LessonProgressDTO {
        try await change(lessonID, caller: caller) { row in
            row.note = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        }
    }

    private func change(_ lessonID: String, caller: AuthContext, _ apply: (LessonProgress) -> Void) async throws -> LessonProgressDTO {
        let access = try await enrolledAccess(lessonID, caller: caller)
        let row = try await progressRow(access, userID: caller.userID)
        apply(row)
        row.updatedBy = caller.userID
        try await row.save(on: database)
        return LessonProgressDTO(row)
    }

    /// Credits the time since the caller's previous heartbeat on this lesson, at most 60 s, so a client
    /// can neither inflate time by sending often nor by sending late. The first heartbeat starts the clock.
    package func heartbeat(_ lessonID: String, caller: AuthContext) async throws -> HeartbeatDTO {
        let access = try await enrolledAccess(lessonID, caller: caller)
        let row = try await progressRow(access, userID: caller.userID)
        let now = learning.now
        let credit = TimeOnTask.credit(previousHeartbeat: row.lastHeartbeatAt, now: now)
        // Conditional on the heartbeat count we read, so two parallel heartbeats cannot both credit one interval.
        let updated = try await database.sql.raw("""
            UPDATE lesson_progress SET time_spent_seconds = time_spent_seconds + \(bind: credit), heartbeats = heartbeats + 1,
                last_heartbeat_at = \(bind: now), updated_at = \(bind: now), updated_by = \(bind: caller.userID)
            WHERE id = \(bind: try row.requireID()) AND heartbeats = \(bind: row.heartbeats)
            RETURNING time_spent_seconds
            """).first()
        guard let updated else {
            let fresh = try await LessonProgress.find(row.id, on: database)
            return HeartbeatDTO(creditedSeconds: 0, timeSpentSeconds: fresh?.timeSpentSeconds ?? row.timeSpentSeconds)
        }
        let awarded = credit > 0
            ? await learning.platform.activity.record(.init(.heartbeat, userID: caller.userID, reference: access.lessonID), on: database) : []
        return HeartbeatDTO(creditedSeconds: credit, timeSpentSeconds: try updated.decode(column: "time_spent_seconds", as: Int.self),
                            awarded: awarded)
    }

    private func enrolledAccess(_ lessonID: String, caller: AuthContext) async throws -> LessonAccess {
        let access = try await LessonAccess.open(lessonID, caller: caller, learning: learning)
        try access.requireEnrolled()
        return access
    }

    /// The caller's row for the lesson, created as `started` on first touch.
    private func progressRow(_ access: LessonAccess, userID: UUID) async throws -> LessonProgress {
        if let progress = try access.learner?.progress(), progress.userID == userID { return progress }
        let query = { try await LessonProgress.load(userID: userID, lessonID: access.lessonID, on: database) }
        if let row = try await query() { return row }
        let row = LessonProgress(userID: userID, courseID: try access.course.requireID(), lessonContentID: access.lessonID)
        do {
            try await row.create(on: database)
            return row
        } catch let error as any DatabaseError where error.isConstraintFailure {
            guard let row = try await query() else { throw LearningError.progressBusy }
            return row   // a parallel request created it first
        }
    }
}
