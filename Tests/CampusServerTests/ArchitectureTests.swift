import Foundation
import Testing

/// The arrows between Campus's targets, as docs/architecture.md draws them. The compiler enforces what
/// Package.swift lists; this pins the list, so a new arrow is a decision made here, not a line slipped
/// into the manifest.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each Campus target and the Campus targets it may depend on.
    static let allowed: [String: Set<String>] = [
        "CampusCore": [],
        "CampusMongo": ["CampusCore", "CMongoC"],
        "CampusPlatform": ["CampusCore", "CampusMongo"],
        "CampusAccounts": ["CampusCore", "CampusPlatform"],
        "CampusCatalog": ["CampusCore", "CampusPlatform", "CampusAccounts"],
        "CampusQuizzes": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog"],
        "CampusLearning": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog", "CampusQuizzes"],
        "CampusCompatibility": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog", "CampusQuizzes"],
        "CampusAdmin": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog"],
        "CampusPractice": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog", "CSQLite3"],
        "CampusAchievements": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog", "CampusLearning", "CampusQuizzes"],
        "CampusBilling": ["CampusCore", "CampusPlatform", "CampusAccounts", "CampusCatalog"],
        "CampusServer": ["CampusCore", "CampusMongo", "CampusPlatform", "CampusAccounts", "CampusCatalog", "CampusQuizzes",
                         "CampusLearning", "CampusCompatibility", "CampusAdmin", "CampusPractice", "CampusAchievements", "CampusBilling",
                         "CSQLite3"],
        "campus": ["CampusServer"],
    ]

    /// The Campus targets each target of Package.swift depends on.
    static func manifestDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targetPattern = try Regex(#"\.(?:target|executableTarget)\(\s*name:\s*"([^"]+)",\s*dependencies:\s*\[(.*?)\]\s*,\s*(?:resources|swiftSettings|path|exclude)"#)
            .dotMatchesNewlines()
        var found: [String: Set<String>] = [:]
        for match in manifest.matches(of: targetPattern) {
            guard let name = match.output[1].substring.map(String.init), let list = match.output[2].substring else { continue }
            let names = list.matches(of: try Regex(#""((?:Campus|CMongoC|CSQLite3)[A-Za-z]*)""#)).compactMap { $0.output[1].substring.map(String.init) }
            found[name] = Set(names)
        }
        return found
    }

    @Test("every target depends only on the targets below it, and no domain on a sibling")
    func arrows() throws {
        let manifest = try Self.manifestDependencies()
        #expect(Set(manifest.keys) == Set(Self.allowed.keys), "the targets of Package.swift are the ones drawn")
        for (target, dependencies) in manifest {
            let allowed = try #require(Self.allowed[target], "\(target) is not drawn in docs/architecture.md")
            #expect(dependencies.isSubset(of: allowed), "\(target) depends on \(dependencies.subtracting(allowed).sorted())")
        }
    }

    @Test("no source imports a Campus module its target may not depend on")
    func imports() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let importPattern = try Regex(#"^(?:@testable )?import (Campus[A-Za-z]*|CMongoC|CSQLite3)\b"#).anchorsMatchLineEndings()
        var offenders: [String] = []
        for (target, allowed) in Self.allowed {
            let folder = sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                for match in text.matches(of: importPattern) {
                    guard let module = match.output[1].substring.map(String.init) else { continue }
                    if !allowed.contains(module) { offenders.append("\(target)/\(file.lastPathComponent) imports \(module)") }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
