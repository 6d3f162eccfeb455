/// What a new password must satisfy. Existing hashes are never re-checked against it, so accounts
/// imported with shorter passwords keep logging in; the rule applies when a password is set.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    public enum Violation: Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)

        public var message: String {
            switch self {
            case .tooShort(let minimum): "must be at least \(minimum) characters"
            case .tooLong(let maximum): "must be at most \(maximum) characters"
            }
        }
    }

    public static func check(_ password: String) -> Violation? {
        let length = password.unicodeScalars.count
        if length < minimumLength { return .tooShort(minimum: minimumLength) }
        if length > maximumLength { return .tooLong(maximum: maximumLength) }
        return nil
    }
}
