import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Authors write content through the same validation as `campus content import`. Authors change only
/// their own content: a course's (and its lessons') through the course row they wrote, questions and
/// quizzes through the `author_id` the document records. Authors see answer keys only of the questions
/// they wrote, and their quizzes ask only those.
package struct ContentAuthoringService: Sendable {
    package let database: any Database
    package let content: any ContentStore
    package let learners: any LearnerRecords
    package let practiceValidator: (any PracticeContentValidator)?

    package init(database: any Database, content: any ContentStore, learners: any LearnerRecords,
                 practiceValidator: (any PracticeContentValidator)? = nil) {
        self.database = database
        self.content = content
        self.learners = learners
        self.practiceValidator = practiceValidator
    }

    package enum Kind: String, CaseIterable {
        case courses, lessons, questions, quizzes, practices

        package var collection: String {
            switch self {
            case .courses: ContentCollection.courses
            case .lessons: ContentCollection.lessons
            case .questions: ContentCollection.questions
            case .quizzes: ContentCollection.quizzes
            case .practices: ContentCollection.practices
            }
        }

        package var idPrefix: String? {
            switch self {
            case .courses: "course:"
            case .lessons: "lesson:"
            case .quizzes: "quiz:"
            case .practices: "practice:"
            case .questions: nil
            }
        }
    }

    /// The document as the caller may see it.
    package func get(_ kind: Kind, id: String, caller: AuthContext) async throws -> JSONObject {
        guard var document = try await content.get(kind.collection, id: id) else { throw CatalogError.contentNotFound }
        let isOwner = caller.role == .admin || document["author_id"]?.stringValue == caller.userID.wireString
        switch kind {
        case .questions where !isOwner:
            // Other authors may see a question exists, never its answer key.
            for key in ["weights", "accepted", "explanation"] { document[key] = nil }
        case .practices where !isOwner:
            // What only the checker may know: another author reads the exercise as a learner would.
            document = PracticeSecrets.removed(from: document)
        case .courses where !isOwner:
            // Drafts are their author's: other authors may read only published courses' content.
            let course = try await CourseDirectory(database: database).find(id)
            let readable = if let course { course.statusValue == .published || course.authorID == caller.userID }
                           else { document["author_id"] == nil }
            guard readable else { throw CatalogError.contentNotFound }
        case .lessons where !isOwner:
            // Someone else's lesson is read on the learner's terms: preview, enrollment (so payment) or managing its course.
            try await learners.requireReadable(lessonID: id, caller: caller, on: database)
        default:
            break
        }
        document[kind == .questions ? "id" : "_id"] = .string(id)
        return document
    }

    /// Writes the document through the import rules: whole or not at all. Returns what was saved, and
    /// whether it is new.
    package func put(_ kind: Kind, id: String, document given: JSONObject, caller: AuthContext) async throws -> (document: JSONObject, created: Bool) {
        var document = given
        let idKey = kind == .questions ? "id" : "_id"
        if let given = (document[idKey] ?? document["id"])?.stringValue, given != id {
            throw Problem.validation(field: idKey, "must equal the id in the path (\(id)) or be left out")
        }
        document["_id"] = nil
        document["id"] = nil
        document[idKey] = .string(id)
        let store = content
        let existing = try await store.get(kind.collection, id: id)
        try await authorize(kind: kind, id: id, document: &document, existing: existing, caller: caller)

        var bundle = ContentBundle()
        let entry = ContentBundle.Entry(path: kind.rawValue, document: document)
        switch kind {
        case .courses: bundle.courses = [entry]
        case .lessons: bundle.lessons = [entry]
        case .questions: bundle.questions = [entry]
        case .quizzes: bundle.quizzes = [entry]
        case .practices: bundle.practices = [entry]
        }
        do {
            _ = try await ContentImporter(store: store, practiceValidator: practiceValidator).run(bundle)
        } catch let issues as ContentIssues {
            let errors = issues.issues.map { issue in
                Problem.FieldError(field: Self.fieldPath(issue.path, kind: kind), message: issue.message)
            }
            throw CatalogError.invalidContent(errors)
        }
        let saved = try await store.get(kind.collection, id: id) ?? document
        var body = saved
        body[idKey] = .string(id)
        return (body, existing == nil)
    }

    /// Admins may change anything. An author may change a document they wrote (its `author_id`), or a new
    /// one; for courses and lessons also not one whose catalog course belongs to someone else.
    private func authorize(kind: Kind, id: String, document: inout JSONObject, existing: JSONObject?,
                           caller: AuthContext) async throws {
        if caller.role == .admin {
            if let author = existing?["author_id"] { document["author_id"] = author }
            return
        }
        let mine = caller.userID.wireString
        let directory = CourseDirectory(database: database)
        func requireOwnCourse(_ contentID: String?) async throws {
            guard let contentID, let course = try await directory.find(contentID) else { return }
            if course.authorID != caller.userID { throw CatalogError.notYourContent }
        }
        if let existing, let owner = existing["author_id"]?.stringValue, owner != mine { throw CatalogError.notYourContent }
        switch kind {
        case .courses:
            try await requireOwnCourse(id)
        case .lessons:
            try await requireOwnCourse(existing?["course_id"]?.stringValue)
            try await requireOwnCourse(document["course_id"]?.stringValue)
        case .practices:
            if existing != nil && existing?["author_id"] == nil { throw CatalogError.notYourContent }
            try await requireOwnCourse(existing?["course_id"]?.stringValue)
            try await requireOwnCourse(document["course_id"]?.stringValue)
            if let lessonID = document["lesson_id"]?.stringValue,
               let lesson = try await content.get(ContentCollection.lessons, id: lessonID) {
                try await requireOwnCourse(lesson["course_id"]?.stringValue)
            }
        case .questions, .quizzes:
            // Content an admin imported has no author: authors may not take it over.
            if existing != nil && existing?["author_id"] == nil { throw CatalogError.notYourContent }
            if kind == .quizzes { try await requireOwnQuestions(document, caller: caller) }
        }
        document["author_id"] = .string(mine)
    }

    /// An author's quiz asks only the author's own questions: a quiz that shows correct answers would
    /// otherwise reveal another author's (or the public test's) answer key to whoever wrote the quiz.
    private func requireOwnQuestions(_ document: JSONObject, caller: AuthContext) async throws {
        let ids = (document["question_ids"]?.arrayValue ?? []).compactMap(\.stringValue)
        let found = try await content.getMany(ContentCollection.questions, ids: ids)
        let mine = caller.userID.wireString
        let errors = ids.enumerated().compactMap { index, questionID -> Problem.FieldError? in
            guard let question = found[questionID], question["author_id"]?.stringValue != mine else { return nil }
            return .init(field: "question_ids[\(index)]", message: "\"\(questionID)\" belongs to another author; a quiz asks its author's own questions")
        }
        guard errors.isEmpty else { throw CatalogError.invalidContent(errors) }
    }

    /// Import paths start with the entry's name (`courses.title`); a single document needs only `title`.
    package static func fieldPath(_ path: String, kind: Kind) -> String {
        if path.hasPrefix(kind.rawValue + ".") { return String(path.dropFirst(kind.rawValue.count + 1)) }
        return path == kind.rawValue ? "body" : path
    }
}
