import Testing
@testable import CampusAchievements

@Suite("Leaderboard ranks")
struct LeaderboardRankTests {
    @Test("a rank is one more than the points strictly above: ties share a rank")
    func bisection() {
        let points: [Int64] = [90, 70, 70, 50, 10]
        #expect(Leaderboard.countAbove(100, in: points) == 0)
        #expect(Leaderboard.countAbove(90, in: points) == 0)
        #expect(Leaderboard.countAbove(70, in: points) == 1)
        #expect(Leaderboard.countAbove(60, in: points) == 3)
        #expect(Leaderboard.countAbove(10, in: points) == 4)
        #expect(Leaderboard.countAbove(5, in: points) == 5)
        #expect(Leaderboard.countAbove(5, in: []) == 0)
    }
}
