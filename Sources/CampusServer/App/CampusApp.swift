import CampusAccounts
import CampusAchievements
import CampusAdmin
import CampusBilling
import CampusCatalog
import CampusCompatibility
import CampusCore
import CampusLearning
import CampusPlatform
import CampusPractice
import CampusQuizzes
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOSSL
import Vapor

/// Wires Campus into a Vapor application: stores, migrations, services, middleware and routes.
public enum CampusApp {
    /// What tests replace: time and where mail goes.
    public struct Overrides: Sendable {
        public var clock: CampusClock = .system
        var mailTransport: (any MailTransport)?
        var recommender: (any Recommender)?
        /// Tests put a fault-injecting store between the cache and the engine.
        var wrapContentStore: (@Sendable (any ContentStore) -> any ContentStore)?
        /// Tests listen to quiz outcomes beside learning.
        var extraQuizOutcomes: [any QuizOutcomes] = []
        /// Tests drive the outbox themselves instead of a background loop.
        public var runBackgroundWorkers = true
        /// A server holds the embedded store's instance lock; a one-off command (`campus users create-admin`,
        /// `campus backup`…) beside a running server neither takes it nor warns about it.
        public var holdsEmbeddedStore = true
        public init() {}
    }

    public static func configure(_ app: Application, _ config: CampusConfiguration, overrides: Overrides = .init()) async throws {
        app.http.server.configuration.hostname = config.host
        app.http.server.configuration.port = config.port
        CampusHTTPServer.use(app)
        app.routes.defaultMaxBodySize = "1mb"
        ContentConfiguration.global.use(encoder: JSONEncoder.campus, for: .json)
        ContentConfiguration.global.use(decoder: JSONDecoder.campus, for: .json)

        try useDatabase(app, config)
        let userCache = UserSnapshotCache()
        app.databases.middleware.use(EvictOnWrite<User> { userCache.evict($0) })
        let courseLabels = CourseLabels()
        app.databases.middleware.use(EvictOnWrite<Course> { courseLabels.evict($0) })
        let catalogCache = CatalogCache()
        app.databases.middleware.use(EvictOnWrite<Course> { _ in catalogCache.evictAll() })
        app.databases.middleware.use(EvictOnWrite<Category> { _ in catalogCache.evictAll() })
        app.databases.middleware.use(EvictOnWrite<Track> { _ in catalogCache.evictAll() })
        app.databases.middleware.use(EvictOnWrite<TrackCourse> { _ in catalogCache.evictAll() })
        let metrics = CampusMetrics()
        app.prepareDatabaseHandles(config.database, logger: PoolWaitLogHandler.logger(wrapping: app.logger, metrics: metrics))
        if case .sqliteFile(let path) = config.database {
            if overrides.holdsEmbeddedStore {
                app.lifecycle.use(try SQLiteInstanceLock(databasePath: path, logger: app.logger))
            }
            // Write-ahead logging with NORMAL sync: a commit is one append instead of several fsyncs of a
            // rollback journal, and readers never wait for the writer. A crash of Campus loses nothing; a
            // power cut can lose the last commits, never the file. The one pooled connection keeps the setting.
            try await app.campusDB.sqlRaw("PRAGMA journal_mode = WAL")
            try await app.campusDB.sqlRaw("PRAGMA synchronous = NORMAL")
            if config.sqliteReaders != 0 {
                app.useEmbeddedReaders(try await SQLiteReaders.open(path: path, count: config.sqliteReaders, logger: app.logger))
            }
        }
        addMigrations(app)
        try await migrateOnce(app, config)

        let secret = try jwtSecret(config)
        let clock = overrides.clock
        let database = app.campusDatabaseSource()
        let transport: any MailTransport
        if let custom = overrides.mailTransport {
            transport = custom
        } else if let url = config.smtpURL {
            guard let smtp = try? SMTPConfiguration.parse(url) else {
                throw CampusConfiguration.Invalid(problems: [CampusConfiguration.invalidSMTPURL])
            }
            transport = SMTPMailTransport(client: SMTPClient(configuration: smtp,
                                                             eventLoopGroup: app.eventLoopGroup, logger: app.logger))
        } else {
            transport = FolderMailTransport(directory: config.mailDirectory, logger: app.logger)
        }
        let outbox = OutboxSender(database: database, transport: transport, clock: clock, logger: app.logger, metrics: metrics)
        let engine = try await ContentStores.make(config: config, database: database, app: app)
        let content = CachingContentStore(base: MeteredContentStore(base: overrides.wrapContentStore?(engine) ?? engine, metrics: metrics),
                                          clock: clock)
        let rateLimiter = RateLimiter(database: database, clock: clock)
        let platform = PlatformServices(config: config, clock: clock, content: content, derived: content, rateLimiter: rateLimiter,
                                        background: BackgroundWork(logger: app.logger), metrics: metrics)
        app.platform = platform
        app.accounts = AccountsServices(tokens: await TokenService.make(secret: secret, config: config, clock: clock),
                                        passwords: try PasswordHasher(cost: config.bcryptCost), outbox: outbox, userCache: userCache)
        // The domains' seams: learning answers the catalog's questions about learners and hears about quiz results.
        let learning = LearningRecords(platform: platform)
        let sandbox = SQLiteSandbox(threads: config.practiceWorkers > 0 ? config.practiceWorkers : max(1, System.coreCount / 2))
        app.lifecycle.use(SandboxLifecycle(sandbox: sandbox))
        var runners: [any SQLDialectRunner] = [sandbox]
        if let url = config.practicePostgresURL {
            do {
                runners.append(try PostgresPracticeRunner(url: url, eventLoopGroup: app.eventLoopGroup, logger: app.logger))
            } catch {
                throw CampusConfiguration.Invalid(problems: ["\(error)"])
            }
        }
        let practice = PracticeServices(runners: runners, submitsPerMinute: config.practiceSubmitsPerMinute,
                                        runsPerMinute: config.practiceRunsPerMinute)
        app.practice = practice
        app.billing = BillingServices(settings: config.billing, client: app.http.client.shared)
        let renewals = RenewalJob(database: database, billing: app.billing, clock: clock, logger: app.logger, metrics: metrics)
        app.catalog = CatalogServices(accessPolicy: EntitlementAccessPolicy(clock: clock), learners: learning,
                                      practiceValidator: PracticeContentCheck(services: practice),
                                      lessonRequirements: LessonPractices(content: content, derived: content), cache: catalogCache)
        app.learning = LearningServices(courseLabels: courseLabels)
        let llm = overrides.recommender ?? config.llmBaseURL.map { base in
            OpenAICompatibleRecommender(baseURL: base, apiKey: config.llmAPIKey, model: config.llmModel ?? "", client: app.http.client.shared)
        }
        let recommendations = RecommendationQueue(recommender: llm ?? BuiltInRecommendations(), content: content,
                                                  rateLimiter: rateLimiter, logger: app.logger, metrics: metrics)
        let activeAchievements = ActiveAchievements(clock: clock)
        let awarder = AchievementAwarder(active: activeAchievements, clock: clock, logger: app.logger)
        app.achievements = AchievementsServices(active: activeAchievements, awarder: awarder,
                                                sweeper: AchievementSweeper(awarder: awarder, database: database, clock: clock, logger: app.logger,
                                                                            metrics: metrics),
                                                clock: clock)
        platform.activity.listen(with: awarder)
        app.quizzes = QuizzesServices(llm: llm, recommendations: recommendations, outcomes: [learning] + overrides.extraQuizOutcomes)
        if config.loadDemoContent {
            // Two instances started at once would both find the store empty and both write the demo.
            try await onceAcrossInstances(app, config) {
                try await DemoContent.loadIfEmpty(from: demoContentURL, into: content, practiceValidator: app.catalog.practiceValidator,
                                                  logger: app.logger)
                try await DemoCatalog.loadIfEmpty(database: app.campusDB, content: content, logger: app.logger)
                try await DemoAchievements.loadIfEmpty(from: demoContentURL, platform: platform, database: app.campusDB, logger: app.logger)
            }
        }
        app.lifecycle.use(CampusLifecycle(runWorkers: overrides.runBackgroundWorkers, renewals: renewals))

        configureMiddleware(app, config)
        try registerRoutes(app)
        app.logger.debug("Campus stores ready", metadata: [
            "relational": .string(config.database.engineName), "content": .string(content.engineName),
            "mail": .string(transport.name),
        ])
    }

    /// The demo course, quiz and questions shipped with the binary.
    static var demoContentURL: URL? {
        Bundle.module.url(forResource: "demo-content", withExtension: "json", subdirectory: "Resources/demo")
    }

    /// On SQLite the one connection's pool is the writers' queue (see `Database+Campus.swift`), so a wait
    /// there is a wait for the write lock. The driver's 10 s default failed a burst of 16 writers on a
    /// loaded two-core machine; past this longer bound the caller gets a 503 with `Retry-After`.
    static let sqliteQueueTimeout: TimeAmount = .seconds(30)

    static func useDatabase(_ app: Application, _ config: CampusConfiguration) throws {
        switch config.database {
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, connectionPoolTimeout: sqliteQueueTimeout, sqlLogLevel: .trace), as: .sqlite)
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), connectionPoolTimeout: sqliteQueueTimeout, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "search_path" })?.value {
                configuration.searchPath = [schema]
            }
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: config.databaseConnectionsPerLoop,
                                        connectionPoolTimeout: .seconds(5), sqlLogLevel: .trace), as: .psql)
        }
    }

    /// Several instances started at once over one PostgreSQL migrate once: each takes the same session-level
    /// advisory lock on a connection it holds while its migrator runs, so the others wait and then find
    /// nothing left to do. SQLite is one instance by design.
    /// The lock's connection comes from the pool, so with one connection per event loop the migrator could be
    /// left waiting for it: that setting migrates without the lock (start one instance first, as before).
    static func migrateOnce(_ app: Application, _ config: CampusConfiguration) async throws {
        try await onceAcrossInstances(app, config) {
            try await createSchemaIfNamed(app, config.database)
            try await app.autoMigrate()
        }
    }

    /// Runs `work` while holding the session-level advisory lock that every Campus instance on the same
    /// PostgreSQL takes for start-up work (migrations, the demo content), so instances started together do
    /// it one after another and the later ones find it done.
    static func onceAcrossInstances(_ app: Application, _ config: CampusConfiguration, _ work: @escaping @Sendable () async throws -> Void) async throws {
        guard case .postgres = config.database, config.databaseConnectionsPerLoop >= 2 else {
            try await work()
            return
        }
        try await app.campusDB.withConnection { connection in
            try await connection.sqlRaw("SELECT pg_advisory_lock(\(unsafeRaw: Self.migrationLock))")
            do {
                try await work()
            } catch {
                try? await connection.sqlRaw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLock))")
                throw error
            }
            try await connection.sqlRaw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLock))")
        }
    }

    /// The advisory lock key Campus migrations share ("campus" in ASCII).
    static let migrationLock = "99030998852979"

    /// A `search_path` in the PostgreSQL URL names a schema Campus lives in; it is created on first start.
    static func createSchemaIfNamed(_ app: Application, _ location: CampusConfiguration.DatabaseLocation) async throws {
        guard case .postgres(let url) = location,
              let schema = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "search_path" })?.value
        else { return }
        guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw CampusConfiguration.Invalid(problems: ["CAMPUS_DATABASE_URL search_path must be a plain schema name"])
        }
        try await app.campusDB.sqlRaw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)")
    }

    static func addMigrations(_ app: Application) {
        app.migrations.add(User.CreateTable())
        app.migrations.add(RefreshToken.CreateTable())
        app.migrations.add(OneTimeCode.CreateTable())
        app.migrations.add(LoginFailure.CreateTable())
        app.migrations.add(CreateRateLimitCounters())
        app.migrations.add(OutboxMessage.CreateTable())
        app.migrations.add(CreateContentDocuments())
        app.migrations.add(QuizAttempt.CreateTable())
        app.migrations.add(CreateCatalog())
        app.migrations.add(CreateLearning())
        app.migrations.add(CreateDashboardSnapshots())
        app.migrations.add(QuizAttempt.AddSubmitClaim())
        app.migrations.add(PracticeAttempt.CreateTable())
        app.migrations.add(User.AddLeaderboardVisibility())
        app.migrations.add(CreateAchievements())
        app.migrations.add(CreateDashboardHighlights())
        app.migrations.add(CreateBilling())
        app.migrations.add(User.AddLanguage())
        app.migrations.add(SlimContentDocumentKeys())
    }

    static func configureMiddleware(_ app: Application, _ config: CampusConfiguration) {
        // Replace Vapor's defaults so every error, including routing misses, is problem+json.
        app.middleware = Middlewares()
        app.middleware.use(RequestIDMiddleware())
        app.middleware.use(RequestTelemetryMiddleware(userID: { $0.authContext?.userID.wireString }))
        app.middleware.use(SecurityHeadersMiddleware())
        let cors = CORSMiddleware.Configuration(
            allowedOrigin: config.allowedOrigins.isEmpty ? .none : .any(config.allowedOrigins),
            allowedMethods: [.GET, .POST, .PUT, .PATCH, .DELETE, .OPTIONS],
            allowedHeaders: [.accept, .authorization, .contentType, .origin, .xRequestedWith, "X-Request-ID", "x-api-key"],
            allowCredentials: true,
            exposedHeaders: [HTTPHeaders.Name("X-Request-ID"), .retryAfter]
        )
        app.middleware.use(CORSMiddleware(configuration: cors))
        app.middleware.use(ProblemMiddleware())
        app.middleware.use(MethodNotAllowed())
        app.middleware.use(JSONBodyGuard())
        app.middleware.use(ControlCharacterGuard(maximumBodySize: app.routes.defaultMaxBodySize.value))
        app.middleware.use(Authenticate())
        app.middleware.use(CrossOriginGuard())
    }

    static func registerRoutes(_ app: Application) throws {
        try app.register(collection: HealthRoutes())
        try app.register(collection: MetricsRoutes())
        if app.platform.config.benchmarkRoutes { try app.register(collection: BenchmarkRoutes()) }
        let api = app.grouped("api", "v1")
        try api.register(collection: OpenAPIRoutes())
        try api.register(collection: AuthRoutes())
        try api.register(collection: UserRoutes())
        try api.register(collection: LegacyAuthRoutes())
        try api.register(collection: QuizRoutes())
        try api.register(collection: GuestResultRoutes())
        try api.register(collection: CatalogRoutes())
        try api.register(collection: AuthoringRoutes())
        try api.register(collection: EnrollmentRoutes())
        try api.register(collection: LessonRoutes())
        try api.register(collection: DashboardRoutes())
        try api.register(collection: ContentAuthoringRoutes())
        try api.register(collection: AdminRoutes())
        try api.register(collection: PracticeRoutes())
        try api.register(collection: AchievementRoutes())
        try api.register(collection: BillingRoutes())
        try api.register(collection: BillingAdminRoutes())
        try app.register(collection: LegacyQuizRoutes())
        try app.register(collection: WebRoutes(folder: Bundle.module.url(forResource: "web", withExtension: nil, subdirectory: "Resources")))
    }

    /// The signing key: given, or on the embedded store kept in the data folder (mode 0600) so tokens
    /// survive restarts.
    static func jwtSecret(_ config: CampusConfiguration) throws -> String {
        switch config.jwtSecret {
        case .given(let secret):
            return secret
        case .dataFolder:
            let path = config.dataDirectory + "/jwt-secret"
            if let existing = try? String(contentsOfFile: path, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), existing.utf8.count >= 32 {
                return existing
            }
            try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
            let secret = TokenService.newRefreshToken() + TokenService.newRefreshToken()
            guard FileManager.default.createFile(atPath: path, contents: Data(secret.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw CampusConfiguration.Invalid(problems: ["cannot write the JWT key file \(path)"])
            }
            return secret
        }
    }
}

/// Starts and stops the background work that belongs to one instance.
struct CampusLifecycle: LifecycleHandler {
    let runWorkers: Bool
    let renewals: RenewalJob

    func didBootAsync(_ application: Application) async throws {
        guard runWorkers else { return }
        let outbox = application.campus.outbox
        Task.detached { await outbox.run() }
        let sweeper = application.achievements.sweeper
        Task.detached { await sweeper.run() }
        Task.detached { [renewals] in await renewals.run() }
    }

    func shutdownAsync(_ application: Application) async {
        await application.campus.background.drain()
        application.campus.outbox.stop()
        application.achievements.sweeper.stop()
        renewals.stop()
        await application.campus.passwords.shutdown()
    }
}
