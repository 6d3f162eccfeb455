import CampusCore
import CampusPlatform
import Foundation

/// Exercises as the content store holds them, read back through the parser (they were checked when saved).
package struct PracticeLibrary: Sendable {
    let content: any ContentStore
    /// Parsed exercises and lesson links, as long as the documents they come from are cached.
    let derived: any DerivedContentCache

    package init(content: any ContentStore, derived: any DerivedContentCache) {
        self.content = content
        self.derived = derived
    }

    package func exercise(_ id: String) async throws -> PracticeExercise {
        guard id.hasPrefix("practice:") else { throw PracticeError.practiceNotFound }
        let found: PracticeExercise? = try await derived.memo("practice-exercise:" + id) {
            guard let document = try await content.get(ContentCollection.practices, id: id) else { return nil }
            return try? PracticeParser.parse(document.merging(["_id": .string(id)]) { _, new in new }, path: "practice")
        }
        guard let found else { throw PracticeError.practiceNotFound }
        return found
    }

    /// The exercises a lesson links to, in id order.
    package func exercises(lessonID: String) async throws -> [PracticeExercise] {
        try await derived.memo("practice-lesson:" + lessonID) {
            let documents = try await content.query(ContentCollection.practices, filter: ["lesson_id": .string(lessonID)], after: nil, limit: 100)
            return documents.compactMap { document in
                try? PracticeParser.parse(document.body.merging(["_id": .string(document.id)]) { _, new in new }, path: "practice")
            }
        }
    }
}
