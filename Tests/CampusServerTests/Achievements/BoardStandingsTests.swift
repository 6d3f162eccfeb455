import Foundation
import Synchronization
import Testing
@testable import CampusAchievements

@Suite("Leaderboard standings per instance")
struct BoardStandingsTests {
    /// Counts the loads it is asked for and holds each until released.
    final class GatedLoader: Sendable {
        let calls = Mutex(0)
        let entered: AsyncStream<Void>
        private let enteredSignal: AsyncStream<Void>.Continuation
        let gate: AsyncStream<Void>
        private let release: AsyncStream<Void>.Continuation
        let result: PointsHistogram

        init(_ result: PointsHistogram) {
            self.result = result
            (entered, enteredSignal) = AsyncStream.makeStream()
            (gate, release) = AsyncStream.makeStream()
        }

        func load() async throws -> PointsHistogram {
            calls.withLock { $0 += 1 }
            enteredSignal.yield()
            for await _ in gate { break }
            return result
        }

        func open() { release.finish() }
    }

    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let first = PointsHistogram([(30, 1), (20, 2), (10, 4)])
    let second = PointsHistogram([(40, 1), (30, 1), (20, 2), (10, 4)])

    @Test("a rank counts the learners strictly above: ties share it, the bottom counts everyone")
    func histogram() {
        let board = PointsHistogram([(10, 4), (30, 1), (20, 2)])
        #expect(board.learners == 7)
        #expect(board.learners(above: 100) == 0)
        #expect(board.learners(above: 30) == 0)
        #expect(board.learners(above: 20) == 1)
        #expect(board.learners(above: 15) == 3)
        #expect(board.learners(above: 10) == 3)
        #expect(board.learners(above: 5) == 7)
        #expect(PointsHistogram([]).learners(above: 5) == 0)
    }

    @Test("readers of a board nobody has loaded share one load")
    func coldReadersShareOneLoad() async throws {
        let standings = BoardStandings(lifetime: 2)
        let loader = GatedLoader(first)
        let firstReader = Task { try await standings.histogram(of: "week", now: t0) { try await loader.load() } }
        for await _ in loader.entered { break }
        let others = GatedLoader(second)
        let waiting = (0..<20).map { _ in Task { try await standings.histogram(of: "week", now: t0) { try await others.load() } } }
        loader.open()
        others.open()
        #expect(try await firstReader.value == first)
        for reader in waiting { #expect(try await reader.value == first) }
        #expect(loader.calls.withLock { $0 } == 1)
        #expect(others.calls.withLock { $0 } == 0)
    }

    @Test("past its lifetime a board is refreshed once while readers go on with the previous figures")
    func staleWhileRefreshing() async throws {
        let standings = BoardStandings(lifetime: 2)
        let initial = GatedLoader(first)
        initial.open()
        #expect(try await standings.histogram(of: "all", now: t0) { try await initial.load() } == first)
        let fresh = GatedLoader(second)
        #expect(try await standings.histogram(of: "all", now: t0.addingTimeInterval(1)) { try await fresh.load() } == first)
        #expect(fresh.calls.withLock { $0 } == 0)

        let later = t0.addingTimeInterval(3)
        #expect(try await standings.histogram(of: "all", now: later) { try await fresh.load() } == first)
        for await _ in fresh.entered { break }
        let another = GatedLoader(second)
        another.open()
        #expect(try await standings.histogram(of: "all", now: later) { try await another.load() } == first)
        #expect(another.calls.withLock { $0 } == 0)

        fresh.open()
        _ = try await standings.pendingLoad(of: "all")?.value
        #expect(try await standings.histogram(of: "all", now: later) { try await another.load() } == second)
        #expect(fresh.calls.withLock { $0 } == 1 && another.calls.withLock { $0 } == 0)
    }

    @Test("a failed load is not kept: the next reader loads again")
    func failedLoadIsRetried() async throws {
        struct Down: Error {}
        let standings = BoardStandings(lifetime: 2)
        await #expect(throws: Down.self) { try await standings.histogram(of: "all", now: t0) { throw Down() } }
        let loader = GatedLoader(first)
        loader.open()
        #expect(try await standings.histogram(of: "all", now: t0) { try await loader.load() } == first)
    }
}
