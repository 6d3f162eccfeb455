import FluentKit
import Foundation
import SQLKit

extension QuizAttempt {
    /// Reads one attempt with a plain statement (see `AttemptRow`): Fluent's query building and reflection-based
    /// decoding showed in the profile of reading an attempt in progress.
    package static func load(_ id: UUID, on database: any Database) async throws -> QuizAttempt? {
        try await AttemptRow.load(where: "id = \(bind: id)", on: database)?.model()
    }

    /// The guest attempt its result token's hash names (the public test's result id).
    package static func load(guestTokenHash: String, on database: any Database) async throws -> QuizAttempt? {
        try await AttemptRow.load(where: "guest_token_hash = \(bind: guestTokenHash)", on: database)?.model()
    }
}
