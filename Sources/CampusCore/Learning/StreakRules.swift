import Foundation

/// How study streaks grow, break and are shown.
///
/// A day counts when the learner completes a lesson or submits a quiz, and days are the learner's
/// local calendar days: someone who studies at 23:59 and again at 00:01 has two days in a row,
/// and someone who studies on Saturday evening and Monday after midnight has a gap, however the
/// clocks moved in between.
public enum StreakRules {
    /// The state after an activity at `date`.
    ///
    /// An activity on a local day before `lastActiveDay` (a device clock that is off, or a learner
    /// who flew west and is "back" in yesterday) changes nothing, because losing a streak to a
    /// time-zone change would feel like a bug to the learner.
    public static func recordActivity(_ state: StreakState, at date: Date, timeZone: TimeZone) -> StreakState {
        let today = LocalDay(date, in: timeZone)
        var next = state
        if let last = state.lastActiveDay {
            let elapsed = today.days(since: last)
            guard elapsed > 0 else { return state }
            next.current = elapsed == 1 ? max(state.current, 0) + 1 : 1
        } else {
            next.current = 1
        }
        next.lastActiveDay = today
        next.longest = max(state.longest, next.current)
        return next
    }

    /// The streak to show at `date`.
    ///
    /// Yesterday's streak is still alive all through today, since the learner can keep it with a
    /// lesson before midnight; it reads 0 only once a whole local day has passed without activity.
    /// A `lastActiveDay` ahead of today (the learner moved west) keeps the streak too.
    public static func currentStreak(_ state: StreakState, asOf date: Date, timeZone: TimeZone) -> Int {
        guard let last = state.lastActiveDay else { return 0 }
        return LocalDay(date, in: timeZone).days(since: last) <= 1 ? state.current : 0
    }
}
