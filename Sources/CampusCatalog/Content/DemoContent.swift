import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation
import Logging

/// The demo course, quiz and questions shipped with Campus, loaded on the first start of an empty
/// content store so `swift run campus` shows a working platform.
package enum DemoContent {
    /// `url` is the demo file the app ships (`Resources/demo/demo-content.json`).
    package static func loadIfEmpty(from url: URL?, into store: any ContentStore, practiceValidator: (any PracticeContentValidator)?,
                                    logger: Logger) async throws {
        guard try await store.query(ContentCollection.quizzes, filter: [:], after: nil, limit: 1).isEmpty,
              let url else { return }
        var bundle = ContentBundle()
        try bundle.add(try JSONValue.parse(Data(contentsOf: url)), source: "demo-content.json")
        let report = try await ContentImporter(store: store, practiceValidator: practiceValidator).run(bundle)
        logger.notice("demo content loaded", metadata: [
            "questions": .stringConvertible(report.questions), "quizzes": .stringConvertible(report.quizzes),
            "courses": .stringConvertible(report.courses), "lessons": .stringConvertible(report.lessons),
            "practices": .stringConvertible(report.practices),
        ])
    }
}
