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

    @Test("callers that miss while a value is being built wait for that build; a caller after a write builds anew")
    func sharedBuild() async throws {
        try await ContentEngine.jsonOnSQLite.withStore { base in
            let cache = CachingContentStore(base: base, clock: TestClock().campusClock)
            let builds = Counter()
            let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
            var iterator = started.makeAsyncIterator()
            let gate = Gate()
            let build: @Sendable () async throws -> Int = {
                let number = builds.increment()
                startedSignal.yield()
                await gate.wait()
                return number
            }
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask { try await cache.memo("parsed", build) }
                _ = await iterator.next()
                for _ in 0..<9 { group.addTask { try await cache.memo("parsed", build) } }
                while cache.waiters(for: "parsed") < 9 { await Task.yield() }
                gate.open()
                var values: [Int] = []
                for try await value in group { values.append(value) }
                #expect(values == Array(repeating: 1, count: 10))
            }
            #expect(builds.increment() == 2)

            // A build that began before a write may have read what the write replaced: not shared after it.
            let second = Gate()
            let slow: @Sendable () async throws -> Int = {
                startedSignal.yield()
                await second.wait()
                return 100
            }
            try await cache.upsert(ContentCollection.questions, id: "q1", document: ["text": "?"])
            async let first = cache.memo("fresh", slow)
            _ = await iterator.next()
            try await cache.upsert(ContentCollection.questions, id: "q1", document: ["text": "!"])
            #expect(try await cache.memo("fresh") { 200 } == 200)
            second.open()
            #expect(try await first == 100)
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

/// Holds its waiters until opened.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { waiter in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(waiter)
                return false
            }
            if resumeNow { waiter.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

private final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
