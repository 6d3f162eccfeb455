/// One named verdict of a submission, as the learner reads it.
public struct PracticeCheckResult: Sendable, Equatable {
    public var name: LocalizedText
    public var passed: Bool
    public var message: LocalizedText

    public init(name: LocalizedText, passed: Bool, message: LocalizedText) {
        self.name = name
        self.passed = passed
        self.message = message
    }

    public static let passedMessage = LocalizedText(en: "Passed.", ru: "Выполнено.")
}
