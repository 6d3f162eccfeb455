import Foundation
import Testing
@testable import CampusCore

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("are trimmed and lower-cased", arguments: ["  Ada@Example.COM ", "ada@example.com", "ADA@EXAMPLE.COM\n",
                                                       "ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ", "Ａｄａ@example.com"])
    func normalized(raw: String) {
        #expect(EmailAddress(raw)?.value == "ada@example.com")
    }

    @Test("reject what is not an address", arguments: ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com",
                                                        "ada@@example.com", "ada@example..com", "<ada@example.com>",
                                                        "ada@example.com\u{0}", "a\u{0}da@example.com", "ada\u{200B}@example.com",
                                                        "ada@exa\u{7}mple.com"])
    func rejected(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }
}

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test("needs 12 to 128 characters")
    func length() {
        #expect(PasswordPolicy.check(String(repeating: "a", count: 11)) == .tooShort(minimum: 12))
        #expect(PasswordPolicy.check(String(repeating: "a", count: 12)) == nil)
        #expect(PasswordPolicy.check(String(repeating: "я", count: 128)) == nil)
        #expect(PasswordPolicy.check(String(repeating: "a", count: 129)) == .tooLong(maximum: 128))
    }
}

@Suite("Experience bands")
struct ExperienceBandTests {
    @Test("accept the stored values and older spellings")
    func lenient() {
        #expect(ExperienceBand(lenient: "5+") == .fivePlus)
        #expect(ExperienceBand(lenient: "less than a year") == .lessThanOne)
        #expect(ExperienceBand(lenient: " 3-5 ") == .threeToFive)
        #expect(ExperienceBand(lenient: "forever") == nil)
        // the replaced service's intro form, both versions
        #expect(["Меньше года", "1-2 года", "2-3 года", "3-5 лет", "5+ лет"].map(ExperienceBand.init(lenient:))
                == [.lessThanOne, .oneToTwo, .twoToThree, .threeToFive, .fivePlus])
        #expect(["Нет опыта", "До 1 года", "1-3 года", "Более 5 лет"].map(ExperienceBand.init(lenient:))
                == [.lessThanOne, .lessThanOne, .oneToTwo, .fivePlus])
        #expect(ExperienceBand.allCases.count == 5)
    }
}

@Suite("Login throttle")
struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test("allows nine failures and locks on the tenth")
    func locksAtLimit() {
        let throttle = LoginThrottle()
        let nine = (0..<9).map { now.addingTimeInterval(Double(-$0 * 10)) }
        #expect(throttle.retryAfter(failures: nine, now: now) == nil)
        let ten = nine + [now.addingTimeInterval(-100)]
        #expect(throttle.retryAfter(failures: ten, now: now) != nil)
    }

    @Test("unlocks when the oldest counted failure leaves the window")
    func unlock() throws {
        let throttle = LoginThrottle(limit: 2, window: 900)
        let failures = [now.addingTimeInterval(-600), now.addingTimeInterval(-10)]
        #expect(throttle.retryAfter(failures: failures, now: now) == 300)
        #expect(throttle.retryAfter(failures: failures, now: now.addingTimeInterval(300)) == nil)
    }

    @Test("ignores failures older than the window")
    func oldFailures() {
        let throttle = LoginThrottle(limit: 2, window: 900)
        #expect(throttle.retryAfter(failures: [now.addingTimeInterval(-901), now.addingTimeInterval(-1)], now: now) == nil)
    }
}

@Suite("Roles")
struct RoleTests {
    @Test("are ordered student < author < admin")
    func ordering() {
        #expect(Role.student < Role.author)
        #expect(Role.author < Role.admin)
        #expect(!(Role.admin < Role.student))
    }
}

@Suite("Level names")
struct LevelNameTests {
    @Test("are made from the key the way the replaced service shows them", arguments: [
        ("junior", "Junior"), ("junior_plus", "Junior+"), ("middle_plus", "Middle+"), ("senior", "Senior"),
        ("lead_architect", "Lead/Architect"),
    ])
    func fromKey(key: String, expected: String) {
        #expect(QuizLevel.displayName(forKey: key) == expected)
        #expect(QuizLevel(key: key, minScore: 0).displayName == expected)
        #expect(QuizLevel(key: key, minScore: 0, name: "Своё").displayName == "Своё")
    }
}

@Suite("Lenient answers of the public test")
struct LenientAnswersTests {
    static let question = Question(id: "q2", category: "api", text: "?",
                                   options: [QuestionOption(value: "a", text: "A"), QuestionOption(value: "b", text: "B")],
                                   weights: ["a": 5, "b": 0], renamedFrom: "q")

    @Test("ignore unknown ids, keep foreign values, drop blanks, and let a renamed question inherit a valid answer")
    func cases() {
        let plain = Question(id: "p", category: "api", text: "?", options: [QuestionOption(value: "a", text: "A")], weights: ["a": 1])
        let read = LenientAnswers.interpret(["p": "zz", "nosuch": "a", "q": "a"], questions: [plain, Self.question])
        #expect(read == ["p": .single("zz"), "q2": .single("a")])
        #expect(LenientAnswers.interpret(["p": "", "q": "zz"], questions: [plain, Self.question]).isEmpty)
        #expect(LenientAnswers.interpret(["p": .null, "q2": "b", "q": "a"], questions: [plain, Self.question]) == ["q2": .single("b")])
    }
}
