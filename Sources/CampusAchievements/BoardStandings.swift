import Foundation
import Synchronization

/// How many learners each leaderboard holds at each points value, kept per instance so that a caller's
/// rank does not cost a count of everyone ahead of them (which grew with the board).
///
/// One load per board at a time: the first readers of a board wait for its load; once a board is known,
/// readers never wait for a refresh — the first reader after `lifetime` starts one and everyone goes on
/// with the previous figures until it lands. A rank may therefore lag other learners' points by
/// `lifetime` plus one load; the caller's own points are always read fresh.
package final class BoardStandings: Sendable {
    package let lifetime: TimeInterval
    package let capacity: Int

    private struct Slot {
        var histogram: PointsHistogram?
        var loadedAt: Date = .distantPast
        var loading: Task<PointsHistogram, any Error>?
    }

    private let slots = Mutex<[String: Slot]>([:])

    package init(lifetime: TimeInterval = 2, capacity: Int = 512) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    package func histogram(
        of board: String, now: Date, load: @escaping @Sendable () async throws -> PointsHistogram
    ) async throws -> PointsHistogram {
        enum Next { case use(PointsHistogram), wait(Task<PointsHistogram, any Error>) }
        let next: Next = slots.withLock { slots in
            if slots[board] == nil && slots.count >= capacity { slots.removeAll(keepingCapacity: true) }
            var slot = slots[board, default: Slot()]
            defer { slots[board] = slot }
            let fresh = now >= slot.loadedAt && now.timeIntervalSince(slot.loadedAt) < lifetime
            if let histogram = slot.histogram, fresh { return .use(histogram) }
            let loading = slot.loading ?? startLoading(board, at: now, load: load)
            slot.loading = loading
            if let histogram = slot.histogram { return .use(histogram) }
            return .wait(loading)
        }
        switch next {
        case .use(let histogram): return histogram
        case .wait(let loading): return try await loading.value
        }
    }

    /// The load under way for `board`, if any (tests wait for it to land).
    func pendingLoad(of board: String) -> Task<PointsHistogram, any Error>? {
        slots.withLock { $0[board]?.loading }
    }

    private func startLoading(_ board: String, at start: Date, load: @escaping @Sendable () async throws -> PointsHistogram) -> Task<PointsHistogram, any Error> {
        // On the global pool even when a request answered on its event loop starts it.
        Task(executorPreference: globalConcurrentExecutor) { [weak self] in
            do {
                let histogram = try await load()
                self?.landed(board, histogram, at: start)
                return histogram
            } catch {
                // A failed load is forgotten, so the next reader tries again.
                self?.slots.withLock { $0[board]?.loading = nil }
                throw error
            }
        }
    }

    /// `start`: when the load began; what it read is at least that fresh.
    private func landed(_ board: String, _ histogram: PointsHistogram, at start: Date) {
        slots.withLock { slots in
            slots[board] = Slot(histogram: histogram, loadedAt: start, loading: nil)
        }
    }
}

/// A board's learners per points value, highest first.
package struct PointsHistogram: Sendable, Equatable {
    /// Distinct points values, highest first.
    package let points: [Int64]
    /// `above[i]`: learners with more points than `points[i]`.
    package let above: [Int]
    package let learners: Int

    /// `counts`: (points, learners with exactly that many), in any order.
    package init(_ counts: [(points: Int64, learners: Int)]) {
        let sorted = counts.sorted { $0.points > $1.points }
        var above: [Int] = []
        var running = 0
        for entry in sorted {
            above.append(running)
            running += entry.learners
        }
        self.points = sorted.map(\.points)
        self.above = above
        self.learners = running
    }

    /// How many learners have more points than `own`.
    package func learners(above own: Int64) -> Int {
        var low = 0, high = points.count
        while low < high {
            let middle = (low + high) / 2
            if points[middle] > own { low = middle + 1 } else { high = middle }
        }
        return low < points.count ? above[low] : learners
    }
}
