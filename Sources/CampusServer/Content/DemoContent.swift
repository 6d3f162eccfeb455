import CampusCore
import Foundation
import Logging

/// The demo course, quiz and questions shipped with Campus, loaded on the first start of an empty
/// content store so `swift run campus` shows a working platform.
enum DemoContent {
    static var bundleURL: URL? {
        Bundle.module.url(forResource: "demo-content", withExtension: "json", subdirectory: "Resources/demo")
    }

    static func loadIfEmpty(into store: any ContentStore, logger: Logger) async throws {
        guard try await store.query(ContentCollection.quizzes, filter: [:], after: nil, limit: 1).isEmpty,
              let url = bundleURL else { return }
        var bundle = ContentBundle()
        try bundle.add(try JSONValue.parse(Data(contentsOf: url)), source: "demo-content.json")
        let report = try await ContentImporter(store: store).run(bundle)
        logger.notice("demo content loaded", metadata: [
            "questions": .stringConvertible(report.questions), "quizzes": .stringConvertible(report.quizzes),
            "courses": .stringConvertible(report.courses), "lessons": .stringConvertible(report.lessons),
        ])
    }
}
