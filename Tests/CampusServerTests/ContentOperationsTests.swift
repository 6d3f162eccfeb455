import CampusCore
import FluentKit
import Foundation
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer
#if MongoDB
@testable import CampusMongo
#endif

@Suite("Content operations")
struct ContentOperationsTests {
    /// Every document of every collection, for comparing two stores.
    static func snapshot(_ store: any ContentStore) async throws -> [String: [String: JSONObject]] {
        var result: [String: [String: JSONObject]] = [:]
        for (collection, _) in ContentTransfer.collections {
            try await ContentTransfer.forEachPage(of: collection, in: store) { page in
                for document in page { result[collection, default: [:]][document.id] = document.body }
            }
        }
        return result
    }

    static func finishedAttempt(_ campus: TestCampus) async throws -> String {
        try await QuizFixtures.load(into: campus)
        let token = try await campus.register()[string: "access_token"]
        let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
        _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                     json: ["answers": QuizFixtures.bestAnswers], token: token)
        return attemptID
    }

    @Test("export writes files that import reads back unchanged", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("campus-export-\(UUID())").path
        var exported: [String: [String: JSONObject]] = [:]
        try await withCampus(engine, configure: { $0.loadDemoContent = true }) { campus in
            _ = try await Self.finishedAttempt(campus)
            exported = try await Self.snapshot(campus.app.campus.content)
            let counts = try await ContentTransfer.export(from: campus.app.campus.content, to: directory)
            #expect(counts[ContentCollection.attemptDetails] == 1)
            #expect((counts[ContentCollection.questions] ?? 0) >= 40)
            #expect(counts[ContentCollection.practices] == 6)
        }
        try await withCampus(engine) { campus in
            // As `campus content import` reads them: each file's questions stay in the file.
            var bundle = ContentBundle()
            for (collection, _) in ContentTransfer.collections {
                try ContentFileReader.add("\(directory)/\(collection).json", to: &bundle)
            }
            #expect(bundle.questions.isEmpty && bundle.questionCount >= 40)
            _ = try await ContentImporter(store: campus.app.campus.content, practiceValidator: campus.app.catalog.practiceValidator).run(bundle)
            let imported = try await Self.snapshot(campus.app.campus.content)
            for (collection, documents) in exported {
                #expect(Set(imported[collection, default: [:]].keys) == Set(documents.keys), "ids of \(collection)")
                for (id, body) in documents where imported[collection]?[id] != body {
                    let theirs = imported[collection]?[id] ?? [:]
                    let keys = Set(body.keys).union(theirs.keys).filter { body[$0] != theirs[$0] }.sorted()
                    Issue.record("\(collection)/\(id) differs in \(keys)")
                }
            }
        }
    }

    @Test("check names every content id the relational store mentions but content lacks", arguments: TestEngine.available)
    func check(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let attemptID = try await Self.finishedAttempt(campus)
            #expect(try await ContentTransfer.check(database: campus.app.campusDB, store: campus.app.campus.content).isEmpty)
            try await campus.app.campus.content.delete(ContentCollection.attemptDetails, id: "attempt:" + attemptID)
            let dangling = try await ContentTransfer.check(database: campus.app.campusDB, store: campus.app.campus.content)
            #expect(dangling.map(\.contentID) == ["attempt:" + attemptID])
            #expect(dangling.first?.column == "details_ref")
        }
    }

    #if MongoDB
    @Test("copy moves the embedded store into MongoDB, resumably, and a dry run moves nothing",
          .enabled(if: TestEngine.mongoURI != nil))
    func copyToMongo() async throws {
        try await withCampus(.sqlite, configure: { $0.loadDemoContent = true }) { campus in
            _ = try await Self.finishedAttempt(campus)
            let target = try await MongoContentStore.connect(uri: try #require(TestEngine.freshMongoURI()))
            do {
                let dry = try await ContentTransfer.copy(from: campus.app.campus.content, to: target, dryRun: true)
                #expect(dry.copied.values.reduce(0, +) > 40)
                #expect(try await Self.snapshot(target).values.allSatisfy(\.isEmpty))

                // a run that stopped part-way: some documents are already there
                let questions = try await campus.app.campus.content.query(ContentCollection.questions, filter: [:], after: nil, limit: 5)
                try await target.write(questions.map { .upsert(collection: ContentCollection.questions, id: $0.id, document: $0.body) })
                let first = try await ContentTransfer.copy(from: campus.app.campus.content, to: target, dryRun: false)
                #expect(first.unchanged[ContentCollection.questions] == 5)
                #expect(try await Self.snapshot(target) == Self.snapshot(campus.app.campus.content))
                let again = try await ContentTransfer.copy(from: campus.app.campus.content, to: target, dryRun: false)
                #expect(again.copied.values.reduce(0, +) == 0)
            } catch {
                try? await target.dropDatabase()
                await target.shutdown()
                throw error
            }
            try? await target.dropDatabase()
            await target.shutdown()
        }
    }

    @Test("with MongoDB down, accounts work, content answers 503 and readiness names the content store")
    func mongoDown() async throws {
        // A port nothing listens on.
        try await withCampus(.sqlite, configure: { $0.mongoURI = "mongodb://127.0.0.1:9/campus?serverSelectionTimeoutMS=500&connectTimeoutMS=500" }) { campus in
            let started = ContinuousClock.now
            let quizzes = try await campus.request(.GET, "/api/v1/quizzes")
            #expect(quizzes.status == .serviceUnavailable)
            #expect(quizzes.problemType?.hasSuffix("/content-store-unavailable") == true)
            // Fails at the 500 ms selection timeout, not libmongoc's default 30 s; the margin is for a loaded CI
            // machine (5 s was exceeded by 20 ms during the full suite).
            #expect(ContinuousClock.now - started < .seconds(15))
            let ready = try await campus.request(.GET, "/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.jsonObject[string: "detail"]?.contains("content") == true)
            let token = try await campus.register()[string: "access_token"]
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: token).status == .ok)
        }
    }
    #endif
}
