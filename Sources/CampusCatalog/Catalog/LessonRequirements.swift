import CampusCore
import FluentKit
import Foundation

/// What a lesson asks of a learner beyond reading it (passing its required practice exercises), and the
/// exercises it links to. The practice domain answers; learning asks before completing a lesson.
package protocol LessonRequirements: Sendable {
    /// Exercises of the lesson the learner still has to pass before completing it.
    func unmet(lessonID: String, userID: UUID, on database: any Database) async throws -> [String]
    /// The exercises linked from the lesson, in id order, with the learner's standing when known.
    func practices(lessonID: String, userID: UUID?, on database: any Database) async throws -> [LessonPracticeLink]
    /// The exercises linked from the lesson, in id order, without anyone's standing (`passed` nil): read from
    /// content only, so a lesson read can ask for the learner's standing in a statement it sends anyway.
    func exercises(lessonID: String) async throws -> [LessonPracticeLink]
}

/// One exercise as a lesson page lists it.
package struct LessonPracticeLink: Sendable, Equatable, Codable {
    package var id: String
    package var kind: String
    package var title: LocalizedTitle
    package var required: Bool
    package var passed: Bool?

    package init(id: String, kind: String, title: LocalizedTitle, required: Bool, passed: Bool?) {
        self.id = id
        self.kind = kind
        self.title = title
        self.required = required
        self.passed = passed
    }
}

/// `{"en": …, "ru": …}` as authored, for lists that do not pick a language.
package struct LocalizedTitle: Sendable, Equatable, Codable {
    package var en: String?
    package var ru: String?

    package init(en: String?, ru: String?) {
        self.en = en
        self.ru = ru
    }
}

/// Until the practice domain is wired in, lessons ask for nothing.
package struct NoLessonRequirements: LessonRequirements {
    package init() {}
    package func unmet(lessonID: String, userID: UUID, on database: any Database) async throws -> [String] { [] }
    package func practices(lessonID: String, userID: UUID?, on database: any Database) async throws -> [LessonPracticeLink] { [] }
    package func exercises(lessonID: String) async throws -> [LessonPracticeLink] { [] }
}
