import CampusCore
import Foundation

/// Reads quizzes and their questions from the content store and parses them with the core rules.
struct QuizCatalog: Sendable {
    let content: any ContentStore

    /// Accepts `quiz:slug` or the bare `slug`.
    static func contentID(_ raw: String) -> String {
        raw.hasPrefix("quiz:") ? raw : "quiz:" + raw
    }

    func quiz(_ rawID: String) async throws -> Quiz {
        let id = Self.contentID(rawID)
        guard let caching = content as? CachingContentStore else { return try await parseQuiz(id, rawID: rawID) }
        return try await caching.memo("quiz\u{0}" + id) { try await parseQuiz(id, rawID: rawID) }
    }

    private func parseQuiz(_ id: String, rawID: String) async throws -> Quiz {
        guard id.count <= 200, let document = try await content.get(ContentCollection.quizzes, id: id) else {
            throw Problem.notFound("Quiz \(rawID)")
        }
        do {
            return try QuizContentParser.parseQuiz(document, path: id)
        } catch {
            // Stored content is validated on write; a broken document is our fault, not the caller's.
            throw Problem(.internalServerError, "content-invalid", title: "Quiz content invalid",
                          detail: "The quiz \(id) is stored in a form Campus cannot read.")
        }
    }

    /// The quiz's questions that exist, keyed by id. Ids the quiz lists but the bank lacks are skipped.
    func questions(of quiz: Quiz) async throws -> [String: Question] {
        guard let caching = content as? CachingContentStore else { return try await parseQuestions(of: quiz) }
        return try await caching.memo("questions\u{0}" + quiz.id + "\u{0}" + quiz.questionIDs.joined(separator: ",")) {
            try await parseQuestions(of: quiz)
        }
    }

    private func parseQuestions(of quiz: Quiz) async throws -> [String: Question] {
        let documents = try await content.getMany(ContentCollection.questions, ids: quiz.questionIDs)
        var questions: [String: Question] = [:]
        for (id, document) in documents {
            if let question = try? QuizContentParser.parseQuestion(document, path: id) {
                questions[id] = question
            }
        }
        return questions
    }

    func page(after cursor: String?, limit: Int) async throws -> [Quiz] {
        try await content.query(ContentCollection.quizzes, filter: [:], after: cursor, limit: limit)
            .compactMap { try? QuizContentParser.parseQuiz($0.body, path: $0.id) }
    }
}
