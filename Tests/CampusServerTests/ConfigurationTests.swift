import Foundation
import Testing
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults serve the embedded store on 127.0.0.1:8080")
    func defaults() throws {
        let config = try CampusConfiguration.fromEnvironment([:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.database == .sqliteFile("campus-data/campus.sqlite"))
        #expect(config.jwtSecret == .dataFolder)
        #expect(config.authRatePerMinute == 20)
    }

    @Test("names every bad variable at once")
    func everyProblem() {
        let environment = [
            "CAMPUS_PORT": "eighty",
            "CAMPUS_DATABASE_URL": "mysql://x",
            "CAMPUS_JWT_SECRET": "short",
            "CAMPUS_AUTH_RATE_PER_MINUTE": "-1",
            "CAMPUS_DATABASE_CONNECTIONS_PER_LOOP": "0",
            "CAMPUS_ALLOWED_ORIGINS": "*",
            "CAMPUS_TRUSTED_PROXIES": "not-an-ip",
        ]
        do {
            _ = try CampusConfiguration.fromEnvironment(environment)
            Issue.record("accepted a bad configuration")
        } catch let invalid as CampusConfiguration.Invalid {
            let text = invalid.description
            for name in environment.keys {
                #expect(text.contains(name), "\(name) missing from: \(text)")
            }
            #expect(!text.contains("short"), "the secret's value must not be echoed")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("PostgreSQL needs a shared JWT secret")
    func postgresNeedsSecret() {
        #expect(throws: CampusConfiguration.Invalid.self) {
            try CampusConfiguration.fromEnvironment(["CAMPUS_DATABASE_URL": "postgres://campus@db.example/campus"])
        }
        let config = try? CampusConfiguration.fromEnvironment([
            "CAMPUS_DATABASE_URL": "postgres://campus@db.example/campus",
            "CAMPUS_JWT_SECRET": String(repeating: "k", count: 32),
        ])
        #expect(config?.database == .postgres("postgres://campus@db.example/campus"))
    }

    @Test("sqlite:// URLs choose a file")
    func sqliteURL() throws {
        let config = try CampusConfiguration.fromEnvironment(["CAMPUS_DATABASE_URL": "sqlite:///var/lib/campus/c.sqlite"])
        #expect(config.database == .sqliteFile("/var/lib/campus/c.sqlite"))
    }

    @Test("the embedded JWT key is kept in the data folder with mode 0600 and reused")
    func embeddedSecret() throws {
        var config = CampusConfiguration()
        config.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("campus-key-\(UUID())").path
        let first = try CampusApp.jwtSecret(config)
        let second = try CampusApp.jwtSecret(config)
        #expect(first == second)
        #expect(first.utf8.count >= 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: config.dataDirectory + "/jwt-secret")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
