import Foundation

/// JSON paths as authors read them: `questions[3].options[2].value`.
enum ContentPath {
    static func member(_ base: String, _ key: String) -> String {
        base.isEmpty ? key : "\(base).\(key)"
    }

    static func element(_ base: String, _ index: Int) -> String {
        "\(base)[\(index)]"
    }
}
