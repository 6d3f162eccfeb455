/// Who a user is on the platform. Order matters: a later role can do everything an earlier one can.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case student
    case author
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
