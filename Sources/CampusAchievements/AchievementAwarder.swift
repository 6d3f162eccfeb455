import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// Hears every learner activity: pays its points, then evaluates the active rules that read a metric the
/// activity can move and awards what became true. Runs after the activity's own write; a crash between
/// the two loses nothing, because the facts themselves are the record: `AchievementSweeper` evaluates
/// the learners whose facts changed again, and awarding is insert-if-absent.
package struct AchievementAwarder: ActivityListener {
    let active: ActiveAchievements
    let clock: CampusClock
    let logger: Logger

    package init(active: ActiveAchievements, clock: CampusClock, logger: Logger) {
        self.active = active
        self.clock = clock
        self.logger = logger
    }

    package func recorded(_ activity: LearnerActivity, on database: any Database) async -> [EarnedAward] {
        do {
            try await PointsLedger(database: database).credit(activity, at: clock.now())
            return try await evaluate(userID: activity.userID, moved: AchievementMetrics.moved(by: activity.kind),
                                      trigger: ["kind": .string(activity.kind.rawValue), "reference": .string(activity.reference)],
                                      on: database)
        } catch {
            logger.warning("achievements could not be evaluated; the next backfill will", metadata: [
                "activity": .string(activity.kind.rawValue), "error": .string(String(describing: type(of: error))),
            ])
            return []
        }
    }

    /// Evaluates the rules that read `moved` (all of them when nil) for one learner and awards those
    /// that hold. An award pays points, which can make a points rule true: that is evaluated too.
    package func evaluate(userID: UUID, moved: Set<AchievementMetric>?, only codes: Set<String>? = nil, trigger: JSONValue,
                          on database: any Database) async throws -> [EarnedAward] {
        // Most activities move no rule the learner does not already hold: that is settled with one read and
        // no transaction (a BEGIN and COMMIT around two reads were a seventh of a quiz submit's statements, issue 18).
        let rules = try await active.all(on: database).filter { codes?.contains($0.code) ?? true }
        let held = try await AchievementStore(database: database).heldAchievementIDs(userID: userID)
        guard rules.contains(where: { Self.isCandidate($0, held: held, moved: moved) }) else { return [] }
        // One transaction: an award and the points it pays are written together, and on SQLite the
        // writes of one evaluation cost one commit.
        return try await database.transaction { database in
            try await evaluateInTransaction(userID: userID, moved: moved, only: codes, trigger: trigger, on: database)
        }
    }

    /// A rule worth evaluating: not yet held, and reading a metric the activity moved (every rule when nil).
    private static func isCandidate(_ achievement: Achievement, held: Set<UUID>, moved: Set<AchievementMetric>?) -> Bool {
        !held.contains(achievement.id) && (moved.map { !$0.isDisjoint(with: achievement.rule.metrics) } ?? true)
    }

    private func evaluateInTransaction(userID: UUID, moved: Set<AchievementMetric>?, only codes: Set<String>?, trigger: JSONValue,
                                       on database: any Database) async throws -> [EarnedAward] {
        let store = AchievementStore(database: database)
        let metrics = AchievementMetrics(database: database)
        let rules = try await active.all(on: database).filter { codes?.contains($0.code) ?? true }
        var held = try await store.heldAchievementIDs(userID: userID)
        var moved = moved
        var earned: [EarnedAward] = []
        for _ in 0..<3 {
            let candidates = rules.filter { Self.isCandidate($0, held: held, moved: moved) }
            guard !candidates.isEmpty else { break }
            let facts = candidates.reduce(into: Set<AchievementFact>()) { $0.formUnion($1.rule.facts) }
            let values = try await metrics.values(facts, userID: userID)
            let holding = candidates.filter { $0.rule.holds({ values[$0] ?? 0 }) }
            guard !holding.isEmpty else { break }
            held.formUnion(holding.map(\.id))
            // What became true is written in one statement per table, not one per award: a backfill over
            // every learner is dominated by statement round trips.
            let now = clock.now()
            let written = try await store.award(holding.map { achievement in
                let figures = JSONValue.object(Dictionary(uniqueKeysWithValues: achievement.rule.facts.map { fact in
                    (fact.scope.map { "\(fact.metric.rawValue):\($0.id)" } ?? fact.metric.rawValue, JSONValue.int(Int64(values[fact] ?? 0)))
                }))
                return (achievement, ["figures": figures, "trigger": trigger])
            }, userID: userID, at: now)
            let new = holding.filter { written[$0.id] != nil }
            try await PointsLedger(database: database).credit(achievements: new.map { ($0.code, $0.points) }, userID: userID, at: now)
            for achievement in new {
                earned.append(EarnedAward(code: achievement.code, title: achievement.title.text(in: .en), icon: achievement.icon,
                                          points: achievement.points, awardID: written[achievement.id]?.wireString ?? ""))
            }
            guard new.contains(where: { $0.points > 0 }) else { break }
            moved = [.points]
        }
        if !earned.isEmpty { try await AchievementHighlights(database: database).refresh(userID: userID, at: clock.now()) }
        return earned
    }
}
