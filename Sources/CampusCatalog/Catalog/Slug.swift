import CampusAccounts
import CampusPlatform
import Foundation

/// URL-safe names for categories and courses: lowercase ASCII letters, digits and single hyphens.
package enum Slug {
    package static func isValid(_ value: String) -> Bool {
        guard (1...80).contains(value.count), !value.hasPrefix("-"), !value.hasSuffix("-"), !value.contains("--") else { return false }
        return value.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    package static let rule = "must be 1–80 lowercase letters, digits and single hyphens (rest-api-design)"
}
