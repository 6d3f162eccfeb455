import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// The public catalog, a learner's achievements with progress toward the locked ones, and the admin's
/// writes (each change queues a backfill of the rule in the background).
package struct AchievementService: Sendable {
    let platform: PlatformServices
    let services: AchievementsServices
    let database: any Database

    package init(platform: PlatformServices, services: AchievementsServices, database: any Database) {
        self.platform = platform
        self.services = services
        self.database = database
    }

    var store: AchievementStore { AchievementStore(database: database) }

    func rarity() async throws -> RarityFigures {
        let now = platform.clock.now()
        if let cached = services.rarity.value("all", now: now) { return cached }
        let (holders, active) = try await store.holders()
        let figures = RarityFigures(holders: holders, activeLearners: active)
        services.rarity.store(figures, for: "all", now: now)
        return figures
    }

    func card(_ achievement: Achievement, _ language: PracticeLanguage, _ rarity: RarityFigures) -> AchievementCardDTO {
        AchievementCardDTO(code: achievement.code, title: achievement.title.text(in: language), description: achievement.description.text(in: language),
                           icon: achievement.icon, rarity: achievement.rarity.rawValue, points: achievement.points,
                           holdersPercent: rarity.percent(achievement.id))
    }

    package func catalog(language: PracticeLanguage) async throws -> [AchievementCardDTO] {
        let rarity = try await rarity()
        return try await services.active.all(on: database).map { card($0, language, rarity) }
    }

    package func mine(userID: UUID, language: PracticeLanguage) async throws -> MyAchievementsDTO {
        let all = try await store.all(activeOnly: false)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        let awards = try await store.awards(userID: userID)
        let rarity = try await rarity()
        let earned = awards.compactMap { award -> MyAchievementsDTO.EarnedDTO? in
            guard let achievement = byID[award.achievementID] else { return nil }
            return .init(card: card(achievement, language, rarity), awardID: award.id.wireString, awardedAt: award.awardedAt,
                         context: award.context, revoked: award.revokedAt != nil)
        }
        let held = Set(awards.map(\.achievementID))
        let locked = all.filter { $0.status == .active && !held.contains($0.id) }
        let facts = locked.reduce(into: Set<AchievementFact>()) { $0.formUnion($1.rule.facts) }
        let values = try await AchievementMetrics(database: database).values(facts, userID: userID)
        let points = try await AchievementMetrics(database: database).value(AchievementFact(metric: .points), userID: userID)
        return MyAchievementsDTO(points: points, earned: earned, locked: locked.map { achievement in
            .init(card: card(achievement, language, rarity), progress: achievement.rule.progress { values[$0] ?? 0 }.map { item in
                .init(metric: item.metric.rawValue, scope: item.scope?.id, current: item.current, target: item.target)
            })
        })
    }

    // MARK: admin

    package func list() async throws -> [AdminAchievementDTO] {
        try await store.all(activeOnly: false).map(AdminAchievementDTO.init)
    }

    package func get(code: String) async throws -> AdminAchievementDTO {
        guard let achievement = try await store.find(code: code) else { throw AchievementError.achievementNotFound }
        return AdminAchievementDTO(achievement)
    }

    package func create(_ body: JSONObject, actor: UUID) async throws -> AdminAchievementDTO {
        let now = platform.clock.now()
        var achievement = try await AchievementInput(database: database, content: platform.content).read(body, existing: nil, now: now)
        achievement.id = UUID.v7()
        if try await store.find(code: achievement.code) != nil { throw AchievementError.codeTaken(achievement.code) }
        do {
            try await store.insert(achievement, by: actor)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AchievementError.codeTaken(achievement.code)
        }
        changed(achievement)
        return AdminAchievementDTO(achievement)
    }

    package func update(code: String, _ body: JSONObject, actor: UUID) async throws -> AdminAchievementDTO {
        guard let existing = try await store.find(code: code) else { throw AchievementError.achievementNotFound }
        let achievement = try await AchievementInput(database: database, content: platform.content).read(body, existing: existing, now: platform.clock.now())
        try await store.update(achievement, by: actor)
        changed(achievement)
        return AdminAchievementDTO(achievement)
    }

    package func delete(code: String, actor: UUID) async throws {
        guard let existing = try await store.find(code: code) else { throw AchievementError.achievementNotFound }
        try await store.softDelete(existing.id, at: platform.clock.now(), by: actor)
        services.active.forget()
    }

    package func revoke(code: String, userID: UUID, reason: String, actor: UUID) async throws {
        guard let achievement = try await store.find(code: code) else { throw AchievementError.achievementNotFound }
        guard try await store.revoke(userID: userID, achievementID: achievement.id, reason: reason, by: actor, at: platform.clock.now()) else {
            throw AchievementError.notHeld
        }
        try await AchievementHighlights(database: database).refresh(userID: userID, at: platform.clock.now())
        services.rarity.removeAll()
    }

    /// A new or changed active rule applies to everyone who already qualifies: backfilled in the background.
    private func changed(_ achievement: Achievement) {
        services.active.forget()
        services.rarity.removeAll()
        guard achievement.status == .active else { return }
        let backfill = AchievementBackfill(awarder: services.awarder, database: database, logger: nil)
        platform.background.start("achievement backfill \(achievement.code)") {
            _ = try await backfill.run(codes: [achievement.code])
        }
    }
}
