import CampusCore
import FluentKit
import Testing
@testable import CampusPlatform

@Suite("Content table migrations")
struct ContentMigrationTests {
    @Test("an existing store keeps every document and its keys through the move to slim keys (and back)", arguments: TestEngine.available.filter { $0 != .mongo })
    func slimKeysKeepDocuments(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let database = campus.app.campusDB
            let store = RelationalContentStore(database: { database })
            // The layout before the migration, holding documents as an installation upgraded today would.
            try await SlimContentDocumentKeys().revert(on: database)
            let details: JSONObject = ["answers": ["q1": "a"], "text": .string(String(repeating: "ж", count: 50_000))]
            try await store.upsert(ContentCollection.attemptDetails, id: "attempt:1", document: details)
            try await store.upsert(ContentCollection.questions, id: "q1", document: ["question": "Which?", "category": "api"])

            try await SlimContentDocumentKeys().prepare(on: database)
            #expect(try await store.get(ContentCollection.attemptDetails, id: "attempt:1") == details)
            #expect(try await store.query(ContentCollection.questions, filter: ["category": "api"], after: nil, limit: 10).map(\.id) == ["q1"])
            // The key is still unique: an upsert replaces rather than adds.
            try await store.upsert(ContentCollection.questions, id: "q1", document: ["question": "Which now?", "category": "api"])
            #expect(try await store.getMany(ContentCollection.questions, ids: ["q1"]).count == 1)
            #expect(try await store.get(ContentCollection.questions, id: "q1")?["question"] == "Which now?")
        }
    }
}
