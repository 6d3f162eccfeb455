import Foundation

/// Years of professional experience, in the five bands the assessment's intro form offers.
/// The raw values are what Campus stores and returns; `init(lenient:)` also accepts the spellings
/// older clients send.
public enum ExperienceBand: String, CaseIterable, Codable, Sendable {
    case lessThanOne = "0-1"
    case oneToTwo = "1-2"
    case twoToThree = "2-3"
    case threeToFive = "3-5"
    case fivePlus = "5+"

    public init?(lenient raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let exact = ExperienceBand(rawValue: text) {
            self = exact
            return
        }
        switch text {
        // The labels of the replaced service's intro form (both of its versions) are among these.
        case "<1", "less_than_1", "less-than-1", "less than a year", "менее года", "меньше года", "до 1 года",
             "нет опыта", "0", "junior": self = .lessThanOne
        case "1-3", "1_2", "1–2", "1-2 года", "1-3 года": self = .oneToTwo
        case "2_3", "2–3", "2-3 года": self = .twoToThree
        case "3_5", "3–5", "3-5 лет": self = .threeToFive
        case "5", "5_plus", "more_than_5", "5+ years", "5+ лет", "более 5 лет": self = .fivePlus
        default: return nil
        }
    }

    /// The lower bound in whole years, used by recommendations.
    public var minimumYears: Int {
        switch self {
        case .lessThanOne: 0
        case .oneToTwo: 1
        case .twoToThree: 2
        case .threeToFive: 3
        case .fivePlus: 5
        }
    }
}
