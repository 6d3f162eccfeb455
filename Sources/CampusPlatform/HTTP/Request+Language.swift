import CampusCore
import Vapor

extension Request {
    /// The language a learner reads content in: `?lang=ru|en`, else the first of `Accept-Language`
    /// Campus writes, else English.
    package var contentLanguage: PracticeLanguage {
        if let asked = query[String.self, at: "lang"].flatMap({ PracticeLanguage(rawValue: $0.lowercased()) }) { return asked }
        return PracticeLanguage.preferred(acceptLanguage: headers.first(name: .acceptLanguage)) ?? .en
    }
}
