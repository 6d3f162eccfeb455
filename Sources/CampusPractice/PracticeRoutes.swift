import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation
import Vapor

/// `/api/v1/practices/{id}` (read, run, submit) and `/api/v1/users/me/practice-attempts`. Every route
/// needs a signed-in learner: attempts are theirs, and limits count per learner.
package struct PracticeRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let practices = routes.grouped("practices").grouped(RequireAuth())
        practices.get(":practiceID", use: show)
        practices.post(":practiceID", "run", use: run)
        practices.post(":practiceID", "submit", use: submit)
        routes.grouped("users", "me").grouped(RequireAuth()).get("practice-attempts", use: attempts)
    }

    @Sendable package func show(req: Request) async throws -> PracticeDTO {
        try await service(req).show(try Self.id(req), caller: try req.requireAuth(), language: req.contentLanguage)
    }

    @Sendable package func run(req: Request) async throws -> PracticeRunDTO {
        let id = try Self.id(req)
        let service = service(req)
        let exercise = try await service.library.exercise(id)
        let (submission, _) = try Self.submission(req, kind: exercise.kind)
        return try await service.run(id, submission: submission, caller: try req.requireAuth(), language: req.contentLanguage)
    }

    @Sendable package func submit(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let service = service(req)
        let exercise = try await service.library.exercise(id)
        let (submission, raw) = try Self.submission(req, kind: exercise.kind)
        let verdict = try await service.submit(id, submission: submission, submissionJSON: raw, caller: try req.requireAuth(),
                                               language: req.contentLanguage)
        let response = Response(status: .created)
        try response.content.encode(verdict)
        return response
    }

    @Sendable package func attempts(req: Request) async throws -> Page<PracticeAttemptDTO> {
        let page = try PageRequest(req)
        let practiceID = req.query[String.self, at: "practice_id"]
        if let practiceID, !practiceID.hasPrefix("practice:") || practiceID.count > 200 {
            throw Problem.validation(field: "practice_id", "must be a practice id (\"practice:…\")")
        }
        let attempts = try await service(req).attempts(caller: try req.requireAuth(), practiceID: practiceID,
                                                       before: try page.afterUUID(), limit: page.limit)
        return Page(items: attempts.map(PracticeAttemptDTO.init),
                    nextCursor: attempts.count == page.limit ? attempts.last.map { Cursor.encode($0.id) } : nil)
    }

    private func service(_ req: Request) -> PracticeService {
        PracticeService(platform: req.platform, practice: req.practice, database: req.campusDB, learners: req.catalog.learners)
    }

    static func id(_ req: Request) throws -> String {
        let id = try req.parameters.require("practiceID")
        guard id.hasPrefix("practice:"), id.count <= 200 else { throw PracticeError.practiceNotFound }
        return id
    }

    /// The body for the exercise's kind: `{"query": "…"}`, `{"document": …}` or `{"requests": […]}`; also
    /// the part kept with the attempt.
    static func submission(_ req: Request, kind: PracticeKind) throws -> (PracticeChecker.Submission, JSONValue) {
        guard let data = req.body.data, let body = try? JSONValue.parse(Data(buffer: data)), let object = body.objectValue else {
            let field = switch kind { case .sql: "query"; case .json: "document"; case .api: "requests" }
            throw Problem.validation(field: "body", "must be a JSON object with \"\(field)\"")
        }
        switch kind {
        case .sql:
            guard let query = object["query"]?.stringValue else { throw Problem.validation(field: "query", "is required: the SQL query as a string") }
            return (.query(query), .object(["query": .string(query)]))
        case .json:
            guard let document = object["document"] else {
                throw Problem.validation(field: "document", "is required: the JSON document, or its text as a string")
            }
            if let text = document.stringValue {
                return (.document(try? JSONValue.parse(text), text: text), .object(["document": document]))
            }
            return (.document(document, text: nil), .object(["document": document]))
        case .api:
            guard let given = object["requests"] else { throw Problem.validation(field: "requests", "is required: an array of requests") }
            switch PracticeRequests.parse(given) {
            case .success(let requests): return (.requests(requests), .object(["requests": given]))
            case .failure(let problem): throw Problem.validation(field: "requests" + problem.field, problem.message)
            }
        }
    }
}
