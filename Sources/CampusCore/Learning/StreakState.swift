/// What Campus remembers about a learner's run of active days.
///
/// `current` is the run as of `lastActiveDay`; whether it is still alive depends on what day it is
/// now, which is why the shown value comes from `StreakRules.currentStreak` rather than from here.
public struct StreakState: Sendable, Equatable {
    public var current: Int
    public var longest: Int
    public var lastActiveDay: LocalDay?

    public init(current: Int = 0, longest: Int = 0, lastActiveDay: LocalDay? = nil) {
        self.current = current
        self.longest = longest
        self.lastActiveDay = lastActiveDay
    }
}
