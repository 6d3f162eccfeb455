import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation

/// Reads quizzes and their questions from the content store and parses them with the core rules.
package struct QuizCatalog: Sendable {
    package let content: any ContentStore
    package let derived: any DerivedContentCache

    package init(content: any ContentStore, derived: any DerivedContentCache) {
        self.content = content
        self.derived = derived
    }

    /// Accepts `quiz:slug` or the bare `slug`.
    package static func contentID(_ raw: String) -> String {
        raw.hasPrefix("quiz:") ? raw : "quiz:" + raw
    }

    package func quiz(_ rawID: String) async throws -> Quiz {
        let id = Self.contentID(rawID)
        return try await derived.memo("quiz\u{0}" + id) { try await parseQuiz(id, rawID: rawID) }
    }

    private func parseQuiz(_ id: String, rawID: String) async throws -> Quiz {
        guard id.count <= 200, let document = try await content.get(ContentCollection.quizzes, id: id) else {
            throw QuizError.quizNotFound(rawID)
        }
        do {
            return try QuizContentParser.parseQuiz(document, path: id)
        } catch {
            throw QuizError.contentInvalid(quizID: id)
        }
    }

    /// The quiz's questions that exist, keyed by id. Ids the quiz lists but the bank lacks are skipped.
    package func questions(of quiz: Quiz) async throws -> [String: Question] {
        return try await derived.memo("questions\u{0}" + quiz.id + "\u{0}" + quiz.questionIDs.joined(separator: ",")) {
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

    package func page(after cursor: String?, limit: Int) async throws -> [Quiz] {
        try await content.query(ContentCollection.quizzes, filter: [:], after: cursor, limit: limit)
            .compactMap { try? QuizContentParser.parseQuiz($0.body, path: $0.id) }
    }
}
