import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// `PUT/GET /api/v1/content/{courses|lessons|questions|quizzes}/{id}`: authors write content through the
/// same validation as `campus content import`. Authors change only their own content: a course's (and
/// its lessons') through the course row they wrote, questions and quizzes through the `author_id` the
/// document records. Students cannot use these routes; authors see answer keys only of the questions they wrote, and
/// their quizzes ask only those.
package struct ContentAuthoringRoutes: RouteCollection {
    package init() {}

    package enum Kind: String, CaseIterable {
        case courses, lessons, questions, quizzes

        package var collection: String {
            switch self {
            case .courses: ContentCollection.courses
            case .lessons: ContentCollection.lessons
            case .questions: ContentCollection.questions
            case .quizzes: ContentCollection.quizzes
            }
        }

        package var idPrefix: String? {
            switch self {
            case .courses: "course:"
            case .lessons: "lesson:"
            case .quizzes: "quiz:"
            case .questions: nil
            }
        }
    }

    package func boot(routes: any RoutesBuilder) throws {
        let content = routes.grouped("content").grouped(RequireAuth(minimumRole: .author))
        content.put(":kind", ":contentID", use: put)
        content.get(":kind", ":contentID", use: get)
    }

    @Sendable package func get(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let (kind, id) = try Self.target(req)
        guard var document = try await req.platform.content.get(kind.collection, id: id) else {
            throw Problem.notFound("The content document")
        }
        let isOwner = caller.role == .admin || document["author_id"]?.stringValue == caller.userID.wireString
        switch kind {
        case .questions where !isOwner:
            // Other authors may see a question exists, never its answer key.
            for key in ["weights", "accepted", "explanation"] { document[key] = nil }
        case .courses where !isOwner:
            // Drafts are their author's: other authors may read only published courses' content.
            let course = try await CourseDirectory(database: req.campusDB).find(id)
            let readable = if let course { course.statusValue == .published || course.authorID == caller.userID }
                           else { document["author_id"] == nil }
            guard readable else { throw Problem.notFound("The content document") }
        case .lessons where !isOwner:
            // Someone else's lesson is read on the learner's terms: preview, enrollment (so payment) or managing its course.
            try await req.catalog.learners.requireReadable(lessonID: id, caller: caller, on: req.campusDB)
        default:
            break
        }
        document[kind == .questions ? "id" : "_id"] = .string(id)
        return try Self.json(.object(document), status: .ok)
    }

    @Sendable package func put(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let (kind, id) = try Self.target(req)
        guard let data = req.body.data, let value = try? JSONValue.parse(Data(buffer: data)), var document = value.objectValue else {
            throw Problem.validation(field: "body", "must be a JSON object: the \(kind.rawValue.dropLast()) document")
        }
        let idKey = kind == .questions ? "id" : "_id"
        if let given = (document[idKey] ?? document["id"])?.stringValue, given != id {
            throw Problem.validation(field: idKey, "must equal the id in the path (\(id)) or be left out")
        }
        document["_id"] = nil
        document["id"] = nil
        document[idKey] = .string(id)
        let store = req.platform.content
        let existing = try await store.get(kind.collection, id: id)
        try await authorize(kind: kind, id: id, document: &document, existing: existing, caller: caller, req: req)

        var bundle = ContentBundle()
        let entry = ContentBundle.Entry(path: kind.rawValue, document: document)
        switch kind {
        case .courses: bundle.courses = [entry]
        case .lessons: bundle.lessons = [entry]
        case .questions: bundle.questions = [entry]
        case .quizzes: bundle.quizzes = [entry]
        }
        do {
            _ = try await ContentImporter(store: store).run(bundle)
        } catch let issues as ContentIssues {
            let errors = issues.issues.map { issue in
                Problem.FieldError(field: Self.fieldPath(issue.path, kind: kind), message: issue.message)
            }
            throw Problem(.unprocessableEntity, "invalid-content", title: "Invalid content",
                          detail: "The document was not saved: " + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                          errors: errors)
        }
        let saved = try await store.get(kind.collection, id: id) ?? document
        var body = saved
        body[idKey] = .string(id)
        return try Self.json(.object(body), status: existing == nil ? .created : .ok)
    }

    /// Admins may change anything. An author may change a document they wrote (its `author_id`), or a new
    /// one; for courses and lessons also not one whose catalog course belongs to someone else.
    private func authorize(kind: Kind, id: String, document: inout JSONObject, existing: JSONObject?,
                           caller: AuthContext, req: Request) async throws {
        if caller.role == .admin {
            if let author = existing?["author_id"] { document["author_id"] = author }
            return
        }
        let mine = caller.userID.wireString
        let directory = CourseDirectory(database: req.campusDB)
        func requireOwnCourse(_ contentID: String?) async throws {
            guard let contentID, let course = try await directory.find(contentID) else { return }
            if course.authorID != caller.userID { throw Self.notYours }
        }
        if let existing, let owner = existing["author_id"]?.stringValue, owner != mine { throw Self.notYours }
        switch kind {
        case .courses:
            try await requireOwnCourse(id)
        case .lessons:
            try await requireOwnCourse(existing?["course_id"]?.stringValue)
            try await requireOwnCourse(document["course_id"]?.stringValue)
        case .questions, .quizzes:
            // Content an admin imported has no author: authors may not take it over.
            if existing != nil && existing?["author_id"] == nil { throw Self.notYours }
            if kind == .quizzes { try await requireOwnQuestions(document, caller: caller, content: req.platform.content) }
        }
        document["author_id"] = .string(mine)
    }

    /// An author's quiz asks only the author's own questions: a quiz that shows correct answers would
    /// otherwise reveal another author's (or the public test's) answer key to whoever wrote the quiz.
    private func requireOwnQuestions(_ document: JSONObject, caller: AuthContext, content: any ContentStore) async throws {
        let ids = (document["question_ids"]?.arrayValue ?? []).compactMap(\.stringValue)
        let found = try await content.getMany(ContentCollection.questions, ids: ids)
        let mine = caller.userID.wireString
        let errors = ids.enumerated().compactMap { index, questionID -> Problem.FieldError? in
            guard let question = found[questionID], question["author_id"]?.stringValue != mine else { return nil }
            return .init(field: "question_ids[\(index)]", message: "\"\(questionID)\" belongs to another author; a quiz asks its author's own questions")
        }
        guard errors.isEmpty else {
            throw Problem(.unprocessableEntity, "invalid-content", title: "Invalid content",
                          detail: "The document was not saved: " + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                          errors: errors)
        }
    }

    package static let notYours = Problem(.forbidden, "not-your-content", title: "Forbidden",
                                  detail: "This content belongs to another author; only its author or an admin can change it.")

    package static func target(_ req: Request) throws -> (Kind, String) {
        guard let kind = Kind(rawValue: try req.parameters.require("kind")) else {
            throw Problem.notFound("The content kind")
        }
        let id = try req.parameters.require("contentID")
        var check = FieldValidator()
        if id.isEmpty || id.count > 200 || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
            check.fail("id", "must be 1–200 characters without spaces or slashes")
        } else if let prefix = kind.idPrefix, !id.hasPrefix(prefix) || id.count == prefix.count {
            check.fail("id", "must start with \"\(prefix)\"")
        }
        try check.throwIfInvalid()
        return (kind, id)
    }

    /// Import paths start with the entry's name (`courses.title`); a single document needs only `title`.
    package static func fieldPath(_ path: String, kind: Kind) -> String {
        if path.hasPrefix(kind.rawValue + ".") { return String(path.dropFirst(kind.rawValue.count + 1)) }
        return path == kind.rawValue ? "body" : path
    }

    package static func json(_ value: JSONValue, status: HTTPResponseStatus) throws -> Response {
        let response = Response(status: status)
        response.headers.contentType = .json
        response.body = .init(string: try value.jsonText())
        return response
    }
}
