import Foundation

/// The study plan Campus writes itself when no language model is configured.
public enum BuiltInRecommender {
    /// How many missed questions a weak category lists; more reads as a wall of text.
    static let missedQuestionsPerCategory = 3
    static let questionTextLimit = 100

    /// A useful, concrete study plan in Markdown (English, with the category names as the quiz gives
    /// them): the level reached and what the next level needs (points to go), one section per weak
    /// category (weakest first) listing up to 3 missed questions' texts (question text shortened to
    /// ~100 chars) and what to study, suggested courses for those categories when given, and one line
    /// on strengths. Deterministic; never reveals the best option of a question.
    ///
    /// Options and explanations are never quoted: either could give the answer away to someone who
    /// retakes the quiz. Whether a question was skipped is read from `result`; `answers` is part of
    /// the signature for planners that look at the choices, which this one deliberately doesn't.
    public static func plan(
        quiz: Quiz,
        result: QuizResult,
        questions: [String: Question],
        answers: [String: SubmittedAnswer],
        experience: String?,
        courses: [CourseSuggestion]
    ) -> String {
        var lines: [String] = ["# Study plan: \(quiz.title)", ""]
        lines += summary(quiz: quiz, result: result, experience: experience)

        guard !result.categoryScores.isEmpty else {
            lines += ["", "This attempt had no scored questions, so there is nothing to plan from yet. Take the full assessment to get a plan."]
            return lines.joined(separator: "\n")
        }

        lines += ["", "## Focus areas"]
        let weakCategories = result.weaknesses.compactMap { key in result.categoryScores.first { $0.key == key } }
        if weakCategories.isEmpty {
            lines += ["", noWeaknessAdvice(result: result)]
        }
        for category in weakCategories {
            lines += [""] + section(for: category, quiz: quiz, result: result, questions: questions, courses: courses)
        }
        if !weakCategories.isEmpty {
            lines += [
                "",
                "**How to work through it:** for each question listed, read up on the topic it touches, then answer it again "
                    + "without looking at the options and explain in a sentence why your choice fits better than the alternatives. "
                    + "Retake the assessment once every focus area feels solid.",
            ]
        }

        for line in closingLines(result: result) {
            lines += ["", line]
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Summary

    private static func summary(quiz: Quiz, result: QuizResult, experience: String?) -> [String] {
        var lines: [String] = []
        let levelText = result.level.map { " · **Level:** \(decorated(levelName($0.key), icon: $0.icon))" } ?? ""
        lines.append("- **Score:** \(result.score) / 100\(levelText)")

        let passingScore = formatted(quiz.passingScore)
        if result.passed {
            lines.append("- **Passing score:** \(passingScore) — passed.")
        } else {
            let missing = formatted(max(0, quiz.passingScore - Double(result.score)))
            lines.append("- **Passing score:** \(passingScore) — not passed yet, \(missing) points to go.")
        }

        let nextLevel = quiz.levels.filter { $0.minScore > Double(result.score) }.min { $0.minScore < $1.minScore }
        if let nextLevel {
            let toGo = formatted(nextLevel.minScore - Double(result.score))
            lines.append("- **Next level:** \(levelName(nextLevel.key)) needs \(formatted(nextLevel.minScore)) — \(toGo) points to go.")
        } else if let level = result.level {
            let beyond = level.nextLevel.map { " The step after it, \(levelName($0)), is beyond what this assessment measures." } ?? ""
            lines.append("- **Next level:** you reached the highest level this assessment measures.\(beyond)")
        }

        if let experience = experience?.trimmingCharacters(in: .whitespacesAndNewlines), !experience.isEmpty {
            var line = "- **Experience:** \(experience) years."
            if let nextLevel, let years = nextLevel.minYears {
                line += " \(levelName(nextLevel.key)) usually comes with \(years) years"
                let reported = ExperienceBand(lenient: experience)
                let expected = ExperienceBand(lenient: years)
                if let reported, let expected, reported.minimumYears >= expected.minimumYears {
                    line += ", so your experience is there; closing the gaps below is what it takes."
                } else {
                    line += "; closing the gaps below gets you there sooner."
                }
            }
            lines.append(line)
        }
        return lines
    }

    // MARK: - Weak categories

    private static func section(
        for category: CategoryScore,
        quiz: Quiz,
        result: QuizResult,
        questions: [String: Question],
        courses: [CourseSuggestion]
    ) -> [String] {
        var lines = ["### \(decorated(category.name, icon: category.icon)) — \(category.score)%"]
        lines.append(
            "You earned \(formatted(category.points)) of \(formatted(category.maxPoints)) points "
                + "over \(category.questionCount) question\(category.questionCount == 1 ? "" : "s")."
        )

        let missed = result.questionScores.enumerated()
            .filter { $0.element.category == category.key && $0.element.points < $0.element.maxPoints }
            // Biggest losses first; equal losses keep the attempt's order so the plan is deterministic.
            .sorted { lhs, rhs in
                let lhsLoss = lhs.element.maxPoints - lhs.element.points
                let rhsLoss = rhs.element.maxPoints - rhs.element.points
                return lhsLoss != rhsLoss ? lhsLoss > rhsLoss : lhs.offset < rhs.offset
            }
            .prefix(missedQuestionsPerCategory)
            .map(\.element)
        if !missed.isEmpty {
            lines += ["", "Questions to revisit:"]
            for score in missed {
                let text = questions[score.questionID].map(displayText) ?? score.questionID
                let outcome = !score.answered
                    ? "skipped"
                    : "\(formatted(score.points)) of \(formatted(score.maxPoints)) points"
                lines.append("- \(shortened(text)) (\(outcome))")
            }
        }

        lines += ["", "**What to study:** " + studyAdvice(for: quiz.category(category.key))]

        let matching = courses.filter { matches($0, category) }
        if !matching.isEmpty {
            lines += ["", "Suggested courses:"]
            lines += matching.map { "- [\($0.title)](\($0.url))" }
        }
        return lines
    }

    private static func studyAdvice(for category: QuizCategory) -> String {
        guard let description = category.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty else {
            return "the fundamentals of \(category.name), starting with the topics of the questions above."
        }
        return description.hasSuffix(".") ? description : description + "."
    }

    private static func noWeaknessAdvice(result: QuizResult) -> String {
        let lowest = result.categoryScores.min { ($0.score, $0.key) < ($1.score, $1.key) }
        let noWeakness = "No category is below \(QuizScoring.weaknessThreshold)%."
        guard let lowest else { return noWeakness }
        return "\(noWeakness) Your lowest is \(decorated(lowest.name, icon: lowest.icon)) at \(lowest.score)%; "
            + "that is where extra practice raises your score the most."
    }

    private static func closingLines(result: QuizResult) -> [String] {
        var lines: [String] = []
        let byKey = Dictionary(uniqueKeysWithValues: result.categoryScores.map { ($0.key, $0) })
        let strengths = result.strengths.compactMap { byKey[$0] }
        if strengths.isEmpty {
            lines.append("**Strengths:** no category reached \(QuizScoring.strengthThreshold)% yet; the first to get there will show here.")
        } else {
            lines.append("**Strengths:** " + strengths.map { "\($0.name) (\($0.score)%)" }.joined(separator: ", ") + " — keep these sharp.")
        }
        let almost = result.categoryScores
            .filter { $0.score >= QuizScoring.weaknessThreshold && $0.score < QuizScoring.strengthThreshold }
            .sorted { ($0.score, $1.key) > ($1.score, $0.key) }
        if !almost.isEmpty {
            lines.append("**Almost there:** " + almost.map { "\($0.name) (\($0.score)%)" }.joined(separator: ", ")
                + " — a little practice turns these into strengths.")
        }
        return lines
    }

    // MARK: - Wording

    /// A course names the category by key or by its display name, depending on who filled the catalog.
    private static func matches(_ course: CourseSuggestion, _ category: CategoryScore) -> Bool {
        let wanted = course.category.lowercased()
        return wanted == category.key.lowercased() || wanted == category.name.lowercased()
    }

    /// The plan is in English, so an English translation of the question is preferred when the content has one.
    private static func displayText(of question: Question) -> String {
        question.translations?["en"]?["question"]?.stringValue ?? question.text
    }

    /// One line (a Markdown list item can't hold newlines) of at most `questionTextLimit` characters,
    /// cut at a word boundary when there is one.
    static func shortened(_ text: String) -> String {
        // Collapsed scalar by scalar, and only as far as the cut can reach: splitting the whole text by
        // Character (grapheme breaking) was most of a submit's plan. Four scalars per kept character leave
        // room for combining marks; a text that still ends short within them is done again in full.
        let reach = questionTextLimit * 4
        var (oneLine, scalars) = collapsedWhitespace(text, upTo: reach)
        // A character holds at least one scalar, so a line of few scalars is short without counting characters
        // (grapheme breaking was a third of the plan, issue 18).
        if scalars <= questionTextLimit { return oneLine }
        if scalars > reach, oneLine.count <= questionTextLimit {
            oneLine = collapsedWhitespace(text, upTo: .max).line
        }
        guard oneLine.count > questionTextLimit else { return oneLine }
        let cut = oneLine.prefix(questionTextLimit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        let kept = atWord.count >= questionTextLimit / 2 ? atWord : cut
        var end = kept.endIndex
        while end > kept.startIndex,
              let scalar = kept[kept.index(before: end)].unicodeScalars.first, isSpaceOrPunctuation(scalar) {
            end = kept.index(before: end)
        }
        return kept[..<end] + "…"
    }

    /// What a cut line may not end with before its "…": Foundation's whitespace and punctuation sets, read from the
    /// scalar's properties (building the union of the two sets was a tenth of the plan).
    private static func isSpaceOrPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            scalar == "\t"
        }
    }

    /// `text` with each run of whitespace made one space and none at either end, stopped once it holds more
    /// than `limit` scalars, and how many scalars it holds.
    private static func collapsedWhitespace(_ text: String, upTo limit: Int) -> (line: String, scalars: Int) {
        // Written as UTF-8 bytes: appending to a scalar view one scalar at a time was most of this loop.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, limit == .max ? text.utf8.count : limit * 4 + 4))
        // Counted as they are appended: a scalar view's `count` walks the whole view, which made this loop
        // quadratic and a twelfth of a submit (issue 18).
        var count = 0
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(UInt8(ascii: " "))
                count += 1
                pendingSpace = false
            }
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: scalar.utf8)
            }
            count += 1
            if count > limit { break }
        }
        return (String(decoding: bytes, as: UTF8.self), count)
    }

    /// "middle_plus" → "Middle+", "lead_architect" → "Lead Architect".
    static func levelName(_ key: String) -> String {
        var words: [String] = []
        for part in key.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }) {
            if part.lowercased() == "plus", !words.isEmpty {
                words[words.count - 1] += "+"
            } else {
                words.append(part.prefix(1).uppercased() + part.dropFirst())
            }
        }
        return words.isEmpty ? key : words.joined(separator: " ")
    }

    private static func decorated(_ name: String, icon: String?) -> String {
        guard let icon, !icon.isEmpty else { return name }
        return "\(icon) \(name)"
    }

    /// Whole numbers without ".0", others with at most one decimal.
    static func formatted(_ number: Double) -> String {
        let tenths = (number * 10).rounded() / 10
        if tenths == tenths.rounded() { return String(Int(tenths)) }
        return String(tenths)
    }
}
