import CampusCore
import Foundation
import Synchronization
import Testing
@testable import CampusPlatform

/// What the cache in front of every content store promises beyond the store contract (which it also
/// passes, see `ContentEngine`): how stale a read may be, and that derived values go with their documents.
@Suite("Caching content store")
struct CachingContentStoreTests {
    @Test("a write made behind the cache's back is seen once the entry ages out, not before", arguments: ContentEngine.available.filter { !$0.isCached })
    func staleness(engine: ContentEngine) async throws {
        try await engine.withStore { base in
            let clock = TestClock()
            let cache = CachingContentStore(base: base, clock: clock.campusClock)
            try await base.upsert(ContentCollection.quizzes, id: "quiz:a", document: ["title": "first"])
            #expect(try await cache.get(ContentCollection.quizzes, id: "quiz:a")?["title"] == "first")
            // Another instance writes: this one still answers from memory within its lifetime.
            try await base.upsert(ContentCollection.quizzes, id: "quiz:a", document: ["title": "second"])
            clock.advance(by: CachingContentStore.lifetime - 0.5)
            #expect(try await cache.get(ContentCollection.quizzes, id: "quiz:a")?["title"] == "first")
            #expect(try await cache.getMany(ContentCollection.quizzes, ids: ["quiz:a"])["quiz:a"]?["title"] == "first")
            clock.advance(by: 0.5)
            #expect(try await cache.get(ContentCollection.quizzes, id: "quiz:a")?["title"] == "second")
        }
    }

    @Test("a derived value is built once per lifetime and dropped by any write through the cache", arguments: ContentEngine.available.filter { !$0.isCached })
    func derivedValues(engine: ContentEngine) async throws {
        try await engine.withStore { base in
            let clock = TestClock()
            let cache = CachingContentStore(base: base, clock: clock.campusClock)
            let builds = Counter()
            let build: @Sendable () async throws -> Int = { builds.increment() }
            #expect(try await cache.memo("parsed", build) == 1)
            #expect(try await cache.memo("parsed", build) == 1)
            try await cache.upsert(ContentCollection.questions, id: "q1", document: ["text": "?"])
            #expect(try await cache.memo("parsed", build) == 2)
            clock.advance(by: CachingContentStore.lifetime)
            #expect(try await cache.memo("parsed", build) == 3)
        }
    }

    @Test("attempt details are never cached: a reader sees its own writes and other instances' at once", arguments: ContentEngine.available.filter { !$0.isCached })
    func attemptDetailsPassThrough(engine: ContentEngine) async throws {
        try await engine.withStore { base in
            let cache = CachingContentStore(base: base, clock: TestClock().campusClock)
            try await cache.upsert(ContentCollection.attemptDetails, id: "attempt:1", document: ["answers": [:]])
            _ = try await cache.get(ContentCollection.attemptDetails, id: "attempt:1")
            try await base.upsert(ContentCollection.attemptDetails, id: "attempt:1", document: ["answers": ["q1": "a"]])
            #expect(try await cache.get(ContentCollection.attemptDetails, id: "attempt:1")?["answers"]?["q1"] == "a")
        }
    }
}

private final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
