import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// The practice domain's answer to what a lesson asks of a learner: its required exercises, passed.
package struct LessonPractices: LessonRequirements {
    let library: PracticeLibrary

    package init(content: any ContentStore, derived: any DerivedContentCache) {
        self.library = PracticeLibrary(content: content, derived: derived)
    }

    package func unmet(lessonID: String, userID: UUID, on database: any Database) async throws -> [String] {
        let required = try await library.exercises(lessonID: lessonID).filter(\.required).map(\.id)
        guard !required.isEmpty else { return [] }
        let passed = try await PracticeAttemptStore(database: database).passed(userID: userID, among: required)
        return required.filter { !passed.contains($0) }
    }

    package func practices(lessonID: String, userID: UUID?, on database: any Database) async throws -> [LessonPracticeLink] {
        let links = try await exercises(lessonID: lessonID)
        guard !links.isEmpty, let userID else { return links }
        let passed = try await PracticeAttemptStore(database: database).passed(userID: userID, among: links.map(\.id))
        return links.map { link in
            var link = link
            link.passed = passed.contains(link.id)
            return link
        }
    }

    package func exercises(lessonID: String) async throws -> [LessonPracticeLink] {
        try await library.exercises(lessonID: lessonID).map { exercise in
            LessonPracticeLink(id: exercise.id, kind: exercise.kind.rawValue, title: LocalizedTitle(en: exercise.title.en, ru: exercise.title.ru),
                               required: exercise.required, passed: nil)
        }
    }
}
