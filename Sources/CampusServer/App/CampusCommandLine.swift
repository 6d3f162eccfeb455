import CampusAccounts
import CampusAchievements
import CampusAdmin
import CampusBilling
import CampusCatalog
import CampusCompatibility
import CampusCore
import CampusLearning
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation
import Logging
import Vapor

/// The `campus` executable's commands. Parsing is deliberately tiny: a verb and a few flags.
public enum CampusCommandLine {
    public static let usage = """
        usage: campus [serve]                      start the server (default)
               campus migrate                      apply database migrations and exit
               campus users create-admin --email E create or promote an admin; password from stdin or CAMPUS_ADMIN_PASSWORD
               campus content import [--rename-duplicates] FILE...
                                                   validate every document, then write all of them or none
               campus content export DIR           write every collection as JSON files import reads back
               campus content copy --to mongodb://… [--dry-run]
                                                   copy the content store into MongoDB (idempotent, resumable)
               campus content check                list content ids the relational store names but content lacks
               campus achievements backfill [--code C] [--after USER_ID]
                                                   award active rules to everyone who qualifies (idempotent;
                                                   --after resumes from the last user id it printed)
               campus backup FILE                  a consistent copy of the embedded SQLite store, taken while Campus runs
               campus billing reconcile --since DATE
                                                   compare each provider's payments since DATE with Campus's,
                                                   print every difference and apply what Campus missed (idempotent)
        """

    public static func run(arguments: [String]) async -> Int32 {
        let verb = arguments.first ?? "serve"
        let config: CampusConfiguration
        do {
            config = try CampusConfiguration.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 78
        }
        bootstrapLogging(level: Logger.Level(rawValue: config.logLevel) ?? .info, json: config.logFormat == "json")
        do {
            switch verb {
            case "serve":
                try await serve(config)
            case "migrate":
                try await withApplication(config, workers: false) { app in
                    app.logger.notice("migrations applied", metadata: ["relational": .string(config.database.engineName)])
                }
            case "users" where arguments.dropFirst().first == "create-admin":
                guard let emailIndex = arguments.firstIndex(of: "--email"), emailIndex + 1 < arguments.count else {
                    FileHandle.standardError.write(Data("campus users create-admin needs --email E\n".utf8))
                    return 64
                }
                try await createAdmin(config, email: arguments[emailIndex + 1])
            case "content" where arguments.dropFirst().first == "import":
                let options = Array(arguments.dropFirst(2))
                let files = options.filter { !$0.hasPrefix("--") }
                guard !files.isEmpty else {
                    FileHandle.standardError.write(Data("campus content import needs at least one FILE\n".utf8))
                    return 64
                }
                var quiet = config
                quiet.loadDemoContent = false
                return try await importContent(quiet, files: files, renameDuplicates: options.contains("--rename-duplicates"))
            case "content" where arguments.dropFirst().first == "export":
                guard arguments.count >= 3 else {
                    FileHandle.standardError.write(Data("campus content export needs a DIR\n".utf8))
                    return 64
                }
                var quiet = config
                quiet.loadDemoContent = false
                try await withApplication(quiet, workers: false) { app in
                    let counts = try await ContentTransfer.export(from: app.campus.content, to: arguments[2])
                    for (collection, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(collection): \(count)") }
                }
            case "content" where arguments.dropFirst().first == "copy":
                guard let toIndex = arguments.firstIndex(of: "--to"), toIndex + 1 < arguments.count else {
                    FileHandle.standardError.write(Data("campus content copy needs --to mongodb://…\n".utf8))
                    return 64
                }
                var quiet = config
                quiet.loadDemoContent = false
                let dryRun = arguments.contains("--dry-run")
                try await withApplication(quiet, workers: false) { app in
                    let target = try await ContentStores.mongo(uri: arguments[toIndex + 1])
                    let report = try await ContentTransfer.copy(from: app.campus.content, to: target, dryRun: dryRun) { print($0) }
                    let total = report.copied.values.reduce(0, +)
                    print(dryRun ? "would copy \(total) documents" : "copied \(total) documents")
                }
            case "content" where arguments.dropFirst().first == "check":
                var quiet = config
                quiet.loadDemoContent = false
                var dangling = 0
                try await withApplication(quiet, workers: false) { app in
                    let found = try await ContentTransfer.check(database: app.campusDB, store: app.campus.content)
                    found.forEach { print($0.description) }
                    dangling = found.count
                    if found.isEmpty { print("every content id the relational store names is in the content store") }
                }
                return dangling == 0 ? 0 : 1
            case "achievements" where arguments.dropFirst().first == "backfill":
                func option(_ name: String) -> String? {
                    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
                }
                let codes = option("--code").map { Set([$0]) }
                let after = option("--after").flatMap(UUID.init(uuidString:))
                if option("--after") != nil && after == nil { throw CommandFailure(message: "--after needs a user id") }
                var quiet = config
                quiet.loadDemoContent = false
                try await withApplication(quiet, workers: false) { app in
                    let backfill = AchievementBackfill(awarder: app.achievements.awarder, database: app.campusDB, logger: nil)
                    let report = try await backfill.run(codes: codes, after: after) { report, last in
                        let rate = report.seconds > 0 ? Double(report.users) / report.seconds : 0
                        FileHandle.standardError.write(Data("\(report.users) users, \(report.awarded) awarded, \(Int(rate)) users/s, last \(last.wireString)\n".utf8))
                    }
                    let rate = report.seconds > 0 ? Double(report.users) / report.seconds : 0
                    print("evaluated \(report.users) users, awarded \(report.awarded) achievements in \(String(format: "%.1f", report.seconds)) s (\(Int(rate)) users/s)")
                }
            case "backup":
                guard arguments.count == 2 else { throw CommandFailure(message: "campus backup needs one FILE") }
                guard case .sqliteFile(let path) = config.database else {
                    throw CommandFailure(message: "campus backup copies the embedded SQLite store; back up PostgreSQL with pg_dump and MongoDB with mongodump (README, Backups)")
                }
                do {
                    try SQLiteBackup.copy(from: path, to: arguments[1])
                } catch let failure as SQLiteBackup.Failure {
                    throw CommandFailure(message: failure.description)
                }
                print("copied \(path) to \(arguments[1])")
            case "billing" where arguments.dropFirst().first == "reconcile":
                guard let index = arguments.firstIndex(of: "--since"), index + 1 < arguments.count,
                      let since = Self.day(arguments[index + 1]) else {
                    throw CommandFailure(message: "campus billing reconcile needs --since DATE (2026-12-01 or an ISO 8601 time)")
                }
                var quiet = config
                quiet.loadDemoContent = false
                var differences: [Reconciler.Difference] = []
                try await withApplication(quiet, workers: false) { app in
                    guard !app.billing.offered.isEmpty else { throw CommandFailure(message: "no payment provider is configured") }
                    differences = try await Reconciler(BillingContext(database: app.campusDB, billing: app.billing, clock: app.platform.clock,
                                                       logger: app.logger)).run(since: since)
                }
                for difference in differences { print(difference) }
                print("\(differences.count) difference(s), \(differences.filter(\.fixed).count) fixed")
                return differences.allSatisfy(\.fixed) ? 0 : 1
            case "help", "--help", "-h":
                print(usage)
            default:
                FileHandle.standardError.write(Data("unknown command \(arguments.joined(separator: " "))\n\(usage)\n".utf8))
                return 64
            }
            return 0
        } catch let invalid as CampusConfiguration.Invalid {
            FileHandle.standardError.write(Data("\(invalid)\n".utf8))
            return 78
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("campus: \(failure.message)\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("campus: failed: \(String(describing: error))\n".utf8))
            return 1
        }
    }

    /// `2026-12-01` (midnight UTC) or a full ISO 8601 time.
    static func day(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            return formatter.date(from: text)
        }
        return formatter.date(from: text)
    }

    struct CommandFailure: Error {
        let message: String
    }

    static func bootstrapLogging(level: Logger.Level, json: Bool) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return RedactingLogHandler(handler)
        }
    }

    static func makeApplication() async throws -> Application {
        // Vapor's own command parsing gets a fixed argument list; Campus parsed the real one already.
        let environment = Environment(name: "production", arguments: ["campus", "serve"])
        return try await Application.make(environment)
    }

    static func withApplication(_ config: CampusConfiguration, workers: Bool, _ body: (Application) async throws -> Void) async throws {
        let app = try await makeApplication()
        do {
            var overrides = CampusApp.Overrides()
            overrides.runBackgroundWorkers = workers
            overrides.holdsEmbeddedStore = false
            try await CampusApp.configure(app, config, overrides: overrides)
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func serve(_ config: CampusConfiguration) async throws {
        let app = try await makeApplication()
        do {
            try await CampusApp.configure(app, config)
            let location: String = switch config.database {
            case .sqliteFile(let path): "sqlite \(path)"
            case .sqliteMemory: "sqlite in memory"
            case .postgres: "postgresql"
            }
            app.logger.notice("Campus listening on http://\(config.host):\(config.port) (relational: \(location); content: \(app.campus.content.engineName))")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func importContent(_ config: CampusConfiguration, files: [String], renameDuplicates: Bool) async throws -> Int32 {
        var bundle = ContentBundle()
        var problems: [String] = []
        for file in files {
            do {
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                FileHandle.standardError.write(Data("reading \(file) (\(size / 1024) KiB)\n".utf8))
                try ContentFileReader.add(file, to: &bundle)
            } catch let issues as ContentIssues {
                problems += issues.issues.map(\.description)
            } catch {
                problems.append("\(file): cannot be read")
            }
        }
        guard problems.isEmpty else {
            problems.forEach { print($0) }
            FileHandle.standardError.write(Data("nothing imported: \(problems.count) problem(s)\n".utf8))
            return 65
        }
        var exitCode: Int32 = 0
        try await withApplication(config, workers: false) { app in
            var importer = ContentImporter(store: app.campus.content, renameDuplicates: renameDuplicates,
                                           practiceValidator: app.catalog.practiceValidator)
            importer.progress = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
            do {
                let report = try await importer.run(bundle)
                for rename in report.renamed { print("renamed \(rename.from) → \(rename.to)") }
                print("imported \(report.questions) questions, \(report.quizzes) quizzes, \(report.courses) courses, \(report.lessons) lessons, \(report.practices) practices")
            } catch let issues as ContentIssues {
                issues.issues.forEach { print($0.description) }
                FileHandle.standardError.write(Data("nothing imported: \(issues.issues.count) problem(s)\n".utf8))
                exitCode = 65
            }
        }
        return exitCode
    }

    static func createAdmin(_ config: CampusConfiguration, email rawEmail: String) async throws {
        guard let email = EmailAddress(rawEmail) else { throw CommandFailure(message: "\(rawEmail) is not a valid email address") }
        let password: String
        if let fromEnvironment = ProcessInfo.processInfo.environment["CAMPUS_ADMIN_PASSWORD"], !fromEnvironment.isEmpty {
            password = fromEnvironment
        } else {
            FileHandle.standardError.write(Data("Password for \(email): ".utf8))
            password = readLine(strippingNewline: true) ?? ""
        }
        if let violation = PasswordPolicy.check(password) {
            throw CommandFailure(message: "the password \(violation.message)")
        }
        try await withApplication(config, workers: false) { app in
            let hash = try await app.campus.passwords.hash(password)
            if let existing = try await User.query(on: app.campusDB).filter(\.$email == email.value).first() {
                existing.role = Role.admin.rawValue
                existing.passwordHash = hash
                existing.tokenVersion += 1
                try await existing.save(on: app.campusDB)
                print("promoted \(email) to admin and set the password")
            } else {
                let user = User(email: email, passwordHash: hash, name: "Administrator", role: .admin)
                user.emailVerified = true
                try await user.create(on: app.campusDB)
                print("created admin \(email)")
            }
        }
    }
}
