import Foundation
import NIOCore

/// Every setting Campus reads, parsed and validated together once at start-up.
/// Nothing else reads the environment.
public struct CampusConfiguration: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)

        package var isEmbedded: Bool {
            if case .postgres = self { return false }
            return true
        }

        package var engineName: String {
            switch self {
            case .sqliteFile, .sqliteMemory: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    public enum JWTSecretSource: Sendable, Equatable {
        case given(String)
        /// Embedded mode only: kept in `<data dir>/jwt-secret`, created on first start.
        case dataFolder
    }

    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "campus-data"
    public var database = DatabaseLocation.sqliteFile("campus-data/campus.sqlite")
    public var jwtSecret = JWTSecretSource.dataFolder
    public var accessTokenLifetime: TimeInterval = 15 * 60
    public var refreshTokenLifetime: TimeInterval = 30 * 24 * 3600
    public var bcryptCost = 12
    public var authRatePerMinute = 20
    /// PostgreSQL connections each event loop (one per core) may hold.
    public var databaseConnectionsPerLoop = 4
    /// Read-only connections to the embedded SQLite file (0: every statement goes through the writer's one
    /// connection); nil means one per thread of the pool that runs SQLite calls.
    public var sqliteReaders: Int?
    public var trustedProxies: [String] = []
    public var allowedOrigins: [String] = []
    public var smtpURL: String?
    public var mailDirectory = "campus-data/mail"
    public var publicAPIKey: String?
    public var publicQuizID = "quiz:campus-demo"
    public var llmBaseURL: String?
    public var llmAPIKey: String?
    public var llmModel: String?
    public var mongoURI: String?
    public var loadDemoContent = true
    public var logLevel = "info"
    /// `text` (default) or `json`: one JSON object per line.
    public var logFormat = "text"
    /// The bearer token `GET /metrics` asks for; without one the metrics are not served at all.
    public var metricsToken: String?
    /// Routes only the benchmarks enable (`CAMPUS_BENCH_ROUTES=true`): static bodies served through the
    /// middleware chains of the public test and of a signed-in read, as the bound a real route is measured against.
    public var benchmarkRoutes = false
    /// A PostgreSQL database given over to practice exercises in the `postgresql` dialect (never Campus's own).
    public var practicePostgresURL: String?
    /// Threads that run practice checks; 0 means half the cores (at least one).
    public var practiceWorkers = 0
    public var practiceSubmitsPerMinute = 10
    public var practiceRunsPerMinute = 30
    /// Payment providers and renewal rules (`CAMPUS_STRIPE_*`, `CAMPUS_YOOKASSA_*`, `CAMPUS_BILLING_*`).
    public var billing = BillingConfiguration()

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]

        package init(problems: [String]) {
            self.problems = problems
        }

        public var description: String {
            "Campus cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads the environment. Throws `Invalid` naming every bad variable at once.
    package static let invalidSMTPURL = "CAMPUS_SMTP_URL is not a valid smtp:// or smtps:// URL"

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CampusConfiguration {
        var config = CampusConfiguration()
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ name: String, range: ClosedRange<Int>) -> Int? {
            guard let raw = value(name) else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(name)=\(raw) is not a whole number in \(range.lowerBound)...\(range.upperBound)")
                return nil
            }
            return number
        }

        if let host = value("CAMPUS_HOST") { config.host = host }
        if let port = integer("CAMPUS_PORT", range: 0...65535) { config.port = port }
        if let dir = value("CAMPUS_DATA_DIR") {
            config.dataDirectory = dir
        }
        config.database = .sqliteFile(config.dataDirectory + "/campus.sqlite")
        config.mailDirectory = config.dataDirectory + "/mail"

        if let url = value("CAMPUS_DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                if URL(string: url)?.host == nil {
                    problems.append("CAMPUS_DATABASE_URL is not a valid postgres:// URL")
                } else {
                    config.database = .postgres(url)
                }
            } else if url == "sqlite::memory:" || url == "sqlite://:memory:" {
                config.database = .sqliteMemory
            } else if url.hasPrefix("sqlite://") {
                let path = String(url.dropFirst("sqlite://".count))
                if path.isEmpty {
                    problems.append("CAMPUS_DATABASE_URL=sqlite:// needs a file path, e.g. sqlite:///var/lib/campus/campus.sqlite")
                } else {
                    config.database = .sqliteFile(path)
                }
            } else {
                problems.append("CAMPUS_DATABASE_URL must start with postgres://, postgresql:// or sqlite://")
            }
        }

        if let secret = value("CAMPUS_JWT_SECRET") {
            if secret.utf8.count < 32 {
                problems.append("CAMPUS_JWT_SECRET must be at least 32 bytes long")
            } else {
                config.jwtSecret = .given(secret)
            }
        } else if !config.database.isEmbedded {
            problems.append("CAMPUS_JWT_SECRET is required with PostgreSQL, so that every instance signs with the same key (at least 32 bytes)")
        }

        if let cost = integer("CAMPUS_BCRYPT_COST", range: 4...16) {
            if cost < 12 && !config.database.isEmbedded {
                problems.append("CAMPUS_BCRYPT_COST below 12 is only allowed on the embedded store")
            }
            config.bcryptCost = cost
        }
        if let rate = integer("CAMPUS_AUTH_RATE_PER_MINUTE", range: 0...1_000_000) { config.authRatePerMinute = rate }
        if let connections = integer("CAMPUS_DATABASE_CONNECTIONS_PER_LOOP", range: 1...100) { config.databaseConnectionsPerLoop = connections }
        if let readers = integer("CAMPUS_SQLITE_READERS", range: 0...64) { config.sqliteReaders = readers }
        if let proxies = value("CAMPUS_TRUSTED_PROXIES") {
            config.trustedProxies = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for proxy in config.trustedProxies where !IPAddressMatcher.isValid(proxy) {
                problems.append("CAMPUS_TRUSTED_PROXIES entry \(proxy) is not an IP address or CIDR range")
            }
        }
        if let origins = value("CAMPUS_ALLOWED_ORIGINS") {
            config.allowedOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for origin in config.allowedOrigins where origin == "*" || URL(string: origin)?.scheme == nil || URL(string: origin)?.host == nil {
                problems.append("CAMPUS_ALLOWED_ORIGINS entry \(origin) must be a full origin such as https://app.example.com (never *)")
            }
        }
        if let smtp = value("CAMPUS_SMTP_URL") {
            // The scheme and host are checked here; the mail domain reads the rest (sender, TLS) at start-up.
            if let url = URLComponents(string: smtp), ["smtp", "smtps"].contains(url.scheme?.lowercased() ?? ""),
               !(url.host ?? "").isEmpty {
                config.smtpURL = smtp
            } else {
                problems.append(Self.invalidSMTPURL)
            }
        }
        if let key = value("CAMPUS_PUBLIC_API_KEY") { config.publicAPIKey = key }
        if let quiz = value("CAMPUS_PUBLIC_QUIZ_ID") {
            config.publicQuizID = quiz.hasPrefix("quiz:") ? quiz : "quiz:" + quiz
        }
        if let base = value("CAMPUS_LLM_BASE_URL") {
            if let url = URL(string: base), url.scheme == "http" || url.scheme == "https" {
                config.llmBaseURL = base
            } else {
                problems.append("CAMPUS_LLM_BASE_URL must be an http(s) URL")
            }
        }
        config.llmAPIKey = value("CAMPUS_LLM_API_KEY")
        config.llmModel = value("CAMPUS_LLM_MODEL")
        if config.llmBaseURL != nil && config.llmModel == nil {
            problems.append("CAMPUS_LLM_MODEL is required when CAMPUS_LLM_BASE_URL is set")
        }
        if let mongo = value("CAMPUS_MONGODB_URI") {
            if mongo.hasPrefix("mongodb://") || mongo.hasPrefix("mongodb+srv://") {
                config.mongoURI = mongo
            } else {
                problems.append("CAMPUS_MONGODB_URI must start with mongodb:// or mongodb+srv://")
            }
        }
        if let demo = value("CAMPUS_DEMO_CONTENT") {
            switch demo.lowercased() {
            case "1", "true", "yes", "on": config.loadDemoContent = true
            case "0", "false", "no", "off": config.loadDemoContent = false
            default: problems.append("CAMPUS_DEMO_CONTENT must be true or false")
            }
        }
        if let bench = value("CAMPUS_BENCH_ROUTES") {
            switch bench.lowercased() {
            case "1", "true", "yes", "on": config.benchmarkRoutes = true
            case "0", "false", "no", "off": config.benchmarkRoutes = false
            default: problems.append("CAMPUS_BENCH_ROUTES must be true or false")
            }
        }
        if let token = value("CAMPUS_METRICS_TOKEN") {
            if token.count >= 16 { config.metricsToken = token } else { problems.append("CAMPUS_METRICS_TOKEN must be at least 16 characters") }
        }
        if let format = value("CAMPUS_LOG_FORMAT") {
            if ["text", "json"].contains(format.lowercased()) { config.logFormat = format.lowercased() }
            else { problems.append("CAMPUS_LOG_FORMAT must be text or json") }
        }
        if let level = value("CAMPUS_LOG_LEVEL") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(level.lowercased()) {
                config.logLevel = level.lowercased()
            } else {
                problems.append("CAMPUS_LOG_LEVEL must be one of \(levels.joined(separator: ", "))")
            }
        }

        if let practice = value("CAMPUS_PRACTICE_POSTGRES_URL") {
            if practice.hasPrefix("postgres://") || practice.hasPrefix("postgresql://") {
                if case .postgres(let own) = config.database, own == practice {
                    problems.append("CAMPUS_PRACTICE_POSTGRES_URL must name another database than CAMPUS_DATABASE_URL: learners' queries never run as Campus's role")
                } else {
                    config.practicePostgresURL = practice
                }
            } else {
                problems.append("CAMPUS_PRACTICE_POSTGRES_URL must start with postgres:// or postgresql://")
            }
        }
        if let workers = integer("CAMPUS_PRACTICE_WORKERS", range: 0...64) { config.practiceWorkers = workers }
        if let submits = integer("CAMPUS_PRACTICE_SUBMITS_PER_MINUTE", range: 0...10_000) { config.practiceSubmitsPerMinute = submits }
        if let runs = integer("CAMPUS_PRACTICE_RUNS_PER_MINUTE", range: 0...10_000) { config.practiceRunsPerMinute = runs }

        config.billing = BillingConfiguration.parse(value, problems: &problems)

        guard problems.isEmpty else { throw Invalid(problems: problems) }
        return config
    }
}
