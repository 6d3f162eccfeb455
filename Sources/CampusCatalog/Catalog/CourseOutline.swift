import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation

/// The shape of a course as its `course_content` document gives it: modules in order, each an ordered
/// list of lesson ids, and the final quiz if there is one.
package struct CourseOutline: Sendable {
    package struct Module: Sendable {
        package var id: String
        package var title: String
        package var order: Int
        package var lessonIDs: [String]

        package init(id: String, title: String, order: Int, lessonIDs: [String]) {
            self.id = id
            self.title = title
            self.order = order
            self.lessonIDs = lessonIDs
        }
    }

    package var modules: [Module]
    package var finalQuizID: String?

    package init(_ document: JSONObject) {
        modules = (document["modules"]?.arrayValue ?? []).enumerated().compactMap { index, value in
            guard let id = value["id"]?.stringValue else { return nil }
            let order = value["order"]?.intValue ?? index + 1
            return Module(id: id, title: value["title"]?.stringValue ?? "", order: order,
                          lessonIDs: value["lessons"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }.sorted { $0.order < $1.order }
        finalQuizID = document["final_quiz_id"]?.stringValue
    }

    package var lessonIDs: [String] { modules.flatMap(\.lessonIDs) }

    package func module(of lessonID: String) -> Module? {
        modules.first { $0.lessonIDs.contains(lessonID) }
    }
}
