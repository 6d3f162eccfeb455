import CampusCore
import Foundation
import NIOCore
import Testing
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// DTOs that write their own JSON must say exactly what their `Codable` form says: the OpenAPI
/// contract tests and every client read the `Codable` shape.
@Suite("Hand-written JSON matches Codable")
struct JSONWriterParityTests {
    static let time = Date(timeIntervalSince1970: 1_795_000_000.123)

    static let dashboards: [DashboardDTO] = [
        DashboardDTO(enrollments: [], currentStreak: 0, longestStreak: 0, lastActiveDay: nil, timeZone: "UTC",
                     totalTimeSeconds: 0, lastAttempts: [], bookmarksCount: 0),
        DashboardDTO(
            enrollments: [
                DashboardEnrollmentDTO(enrollmentID: "e1", courseID: "c1", courseSlug: "rest", courseTitle: "Проектирование \"REST\" \\ API\n",
                                       contentID: "course:rest", status: "active", enrolledAt: time, completedAt: nil,
                                       percentComplete: 40, nextLesson: .init(id: "lesson:rest-2", title: "Ответы 🔌")),
                DashboardEnrollmentDTO(enrollmentID: "e2", courseID: "c2", courseSlug: "sql", courseTitle: "SQL",
                                       contentID: "course:sql", status: "completed", enrolledAt: time, completedAt: time.addingTimeInterval(86_400),
                                       percentComplete: 100, nextLesson: nil),
            ],
            currentStreak: 3, longestStreak: 12, lastActiveDay: "2026-11-27", timeZone: "Europe/Moscow", totalTimeSeconds: 5_400,
            lastAttempts: [
                DashboardAttemptDTO(id: "a1", quizID: "quiz:campus-demo", status: "completed", score: 72, passed: true, level: "middle",
                                    startedAt: time, submittedAt: time.addingTimeInterval(600)),
                DashboardAttemptDTO(id: "a2", quizID: "quiz:campus-demo", status: "in_progress", score: 0, passed: false, level: nil,
                                    startedAt: time, submittedAt: nil),
            ],
            bookmarksCount: 2),
    ]

    @Test("the dashboard", arguments: dashboards)
    func dashboard(dto: DashboardDTO) throws {
        let written = try JSONValue.parse(Data(dto.jsonBytes))
        let encoded = try JSONValue.parse(try JSONEncoder.campus.encode(dto))
        #expect(written == encoded)
    }

    static func results() throws -> [AttemptResultDTO] {
        let bare = AttemptResultDTO(attemptID: "a1", attemptNo: 1, quizID: "quiz:parity", status: "expired", score: 0, maxScore: 100,
                                    passed: false, startedAt: time, categoryScores: [:], strengths: [], weaknesses: [], recommendations: .null)
        var full = AttemptResultDTO(
            attemptID: "a2", attemptNo: 3, quizID: "quiz:parity", status: "completed", score: 72, maxScore: 100, level: "middle",
            levelInfo: QuizCardDTO.LevelDTO(QuizLevel(key: "middle", minScore: 55, icon: "🚀", description: "Уверенно \"в деле\"",
                                                      nextLevel: "senior", minYears: "3-5")),
            passed: true, startedAt: time, completedAt: time.addingTimeInterval(612.5), timeSpentSeconds: 612,
            categoryScores: [
                "api": CategoryScoreDTO(CategoryScore(key: "api", name: "API", icon: "🔌", weight: 1.1, score: 80, points: 4.5, maxPoints: 6,
                                                      questionCount: 6)),
                "sql": CategoryScoreDTO(CategoryScore(key: "sql", name: "SQL \\ базы", icon: nil, weight: 1, score: 0, points: 0, maxPoints: 2,
                                                      questionCount: 2)),
            ],
            strengths: ["api"], weaknesses: ["sql", "модели"], recommendations: .string("## План\n- повторить JOIN\t"),
            questionDetails: [
                QuestionDetailDTO(questionID: "q1", category: "api", question: "Что вернёт PUT?", mode: "single", chosen: .string("b"),
                                  chosenText: "201", bestValue: .string("a"), bestText: "200", points: 0.25, maxPoints: 1, correct: false,
                                  explanation: "Потому что"),
                QuestionDetailDTO(questionID: "q2", category: "sql", question: "JOIN?", mode: "multiple", chosen: .array(["a", "c"]),
                                  points: 2, maxPoints: 2, correct: true),
                QuestionDetailDTO(questionID: "q3", category: "sql", question: "Skipped", mode: "single", points: 0, maxPoints: 1, correct: false),
            ],
            percentile: 64)
        full.awarded = [EarnedAward(code: "first-quiz", title: "Первый тест", icon: nil, points: 10, awardID: "w1"),
                        EarnedAward(code: "streak", title: "Streak", icon: "🔥", points: 0, awardID: "w2")]
        return [bare, full]
    }

    @Test("a quiz result, bare and with everything a submit's answer carries")
    func result() throws {
        for dto in try Self.results() {
            try Self.expectSame(written: dto.jsonBytes(), as: dto)
        }
    }

    /// The hand-written bytes and the `Codable` form, both parsed, are the same JSON value.
    static func expectSame(written: [UInt8], as value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoded = try JSONValue.parse(try JSONEncoder.campus.encode(value))
        #expect(try JSONValue.parse(Data(written)) == encoded, sourceLocation: sourceLocation)
    }

    static func lessons() throws -> [LessonDTO] {
        let progress = LessonProgress(userID: UUID(), courseID: UUID(), lessonContentID: "lesson:parity")
        let completed = LessonProgress(userID: UUID(), courseID: UUID(), lessonContentID: "lesson:parity")
        completed.status = "completed"
        completed.completedAt = time
        completed.bookmarked = true
        completed.note = "Заметка \"в кавычках\"\n"
        completed.timeSpentSeconds = 95
        let blocks = try JSONValue.parse(#"[{"type":"callout","text":"Осторожно: \\ и \"","level":2,"ratio":0.5,"open":true,"tags":null}]"#)
        return [
            LessonDTO(id: "lesson:a", courseID: "c1", courseSlug: "rest", title: "Intro", contentMDX: "", blocks: .array([]), preview: true),
            LessonDTO(id: "lesson:b", courseID: "c1", courseSlug: "rest", moduleID: "m1", title: "Проектирование 🔌", contentMDX: "# Заголовок\n\n`код`\t\u{1}",
                      blocks: blocks, preview: false, quizID: "quiz:rest", previousLessonID: "lesson:a", nextLessonID: "lesson:c",
                      progress: LessonProgressDTO(progress), practices: [
                          LessonPracticeLink(id: "practice:x", kind: "sql", title: LocalizedTitle(en: "Join", ru: nil), required: true, passed: nil),
                          LessonPracticeLink(id: "practice:y", kind: "json", title: LocalizedTitle(en: "Body", ru: "Тело"), required: false, passed: true),
                      ]),
            LessonDTO(id: "lesson:c", courseID: "c1", courseSlug: "rest", title: "Done", contentMDX: "x", blocks: .array([]), preview: false,
                      progress: LessonProgressDTO(completed), practices: [
                          LessonPracticeLink(id: "practice:z", kind: "http", title: LocalizedTitle(en: nil, ru: nil), required: false, passed: false),
                      ]),
        ]
    }

    @Test("a lesson, anonymous and signed in, with and without progress and practices")
    func lesson() throws {
        for dto in try Self.lessons() {
            try Self.expectSame(written: dto.jsonBytes(), as: dto)
        }
    }

    static func attemptInProgress(expires: Bool, answers: [String: JSONValue]) throws -> AttemptInProgressDTO {
        let quiz = try QuizContentParser.parseQuiz(try #require(try JSONValue.parse(#"""
            {"_id":"quiz:parity","title":"Проверка \"JSON\"","slug":"parity","duration_minutes":30,"passing_score":50,
             "categories":{"api":{"name":"API","icon":"🔌","weight":1.1}},
             "level_config":{"middle":{"min_score":55,"description":"Уверенно"},"junior":{"min_score":0}},
             "question_ids":["api-1","api-2"],"settings":{"max_attempts":3}}
            """#).objectValue), path: "quiz")
        let questions = try ["api-1", "api-2"].map { id in
            try QuizContentParser.parseQuestion(try #require(try JSONValue.parse(#"""
                {"id":"\#(id)","category":"api","question":"Что вернёт\nPUT? 🔌","type":"single",
                 "options":[{"value":"a","text":"200"},{"value":"b","text":"201 \\ 204"}],"weights":{"a":1,"b":0},
                 "translations":{"en":{"question":"What does PUT return?","explanation":"hidden"}}}
                """#).objectValue), path: id)
        }
        return AttemptInProgressDTO(
            attemptID: "0193a1b2-0000-7000-8000-000000000001", attemptNo: 2, quizID: quiz.id, status: "in_progress",
            startedAt: time, expiresAt: expires ? time.addingTimeInterval(1_800) : nil,
            quiz: QuizCardDTO(quiz, questionCount: 2, attemptsUsed: expires ? 2 : nil),
            questions: questions.map { QuestionDTO($0, optionOrder: ["b", "a"]) }, answers: answers)
    }

    @Test("the attempt in progress, with and without its pre-encoded parts", arguments: [false, true])
    func attemptInProgress(preEncoded: Bool) throws {
        for (expires, answers) in [(false, [:]), (true, ["api-1": JSONValue.string("b"), "api-2": .array(["a"])])] as [(Bool, [String: JSONValue])] {
            var dto = try Self.attemptInProgress(expires: expires, answers: answers)
            let encoded = try JSONValue.parse(try JSONEncoder.campus.encode(dto))
            if preEncoded {
                dto.questionsJSON = ByteBuffer(data: try JSONEncoder.campus.encode(dto.questions))
                dto.quizJSON = ByteBuffer(data: try JSONEncoder.campus.encode(dto.quiz))
                dto.questions = []
            }
            #expect(try JSONValue.parse(Data(try dto.jsonBytes())) == encoded)
        }
    }

    @Test("a stored quiz result is snake_case and reads back unchanged, as does one stored in the old camelCase form")
    func quizResult() throws {
        let level = QuizLevel(key: "middle", minScore: 55, icon: "⭐", description: "Уверенно", nextLevel: "middle_plus", minYears: "2-3")
        let results = [
            QuizResult(score: 73, overall: 72.6, categoryScores: [
                           CategoryScore(key: "api", name: "API", icon: "🔌", weight: 1.1, score: 80, points: 8, maxPoints: 10, questionCount: 2),
                           CategoryScore(key: "db", name: "Базы", weight: 1, score: 65, points: 6.5, maxPoints: 10, questionCount: 2),
                       ],
                       level: level, passed: true, strengths: ["api"], weaknesses: [],
                       questionScores: [QuestionScore(questionID: "api-1", category: "api", points: 5, maxPoints: 5, answered: true),
                                        QuestionScore(questionID: "db-1", category: "db", points: 0, maxPoints: 5, answered: false)],
                       points: 14.5, maxPoints: 20),
            QuizResult(score: 0, overall: 0, categoryScores: [], level: nil, passed: false, strengths: [], weaknesses: [],
                       questionScores: [], points: 0, maxPoints: 0),
        ]
        for result in results {
            var written = JSONOutput()
            try result.writeStored(to: &written)
            let stored = try JSONValue.parse(Data(written.bytes))
            #expect(QuizResult.stored(stored) == result)
            #expect(!(try stored.jsonText()).contains(/"[a-z]+[A-Z]/), "stored keys are snake_case")
            // Results written before the stored form was snake_case carry the Codable keys.
            let old = try JSONValue.parse(try JSONEncoder().encode(result))
            #expect(try old.jsonText().contains("categoryScores"))
            #expect(QuizResult.stored(old) == result)
        }
    }

    @Test("a stored question detail reads back through its Codable form unchanged")
    func questionDetail() throws {
        let details = [
            QuestionDetailDTO(questionID: "api-2", category: "api", question: "Which are safe?", mode: "multiple",
                              chosen: .array(["a", "c"]), chosenText: "GET; DELETE", bestValue: .array(["a", "b"]), bestText: "GET; HEAD",
                              points: 2.5, maxPoints: 4, correct: false, explanation: "DELETE changes state"),
            QuestionDetailDTO(questionID: "db-1", category: "db", question: "Свойство?", mode: "text", chosen: nil, chosenText: nil,
                              bestValue: nil, bestText: nil, points: 0, maxPoints: 5, correct: false, explanation: nil),
        ]
        for detail in details {
            var written = JSONOutput()
            try detail.write(to: &written, stored: true)
            let stored = try JSONValue.parse(Data(written.bytes))
            let viaCodable = try JSONValue.parse(try JSONEncoder.campus.encode(detail))
            #expect(try JSONDecoder.campus.decode(QuestionDetailDTO.self, from: Data(stored.jsonBytes())) == detail)
            #expect(stored.objectValue?.keys.sorted() == viaCodable.objectValue?.keys.sorted())
        }
    }

    @Test("an attempt's document written as text is the document, before and after its submit")
    func attemptDocument() throws {
        let result = QuizResult(score: 73, overall: 72.6, categoryScores: [
                                    CategoryScore(key: "api", name: "API \"v2\"", icon: "🔌", weight: 1.1, score: 80, points: 8, maxPoints: 10,
                                                  questionCount: 2),
                                    CategoryScore(key: "db", name: "Базы", weight: 1, score: 65, points: 6.5, maxPoints: 10, questionCount: 2),
                                ],
                                level: QuizLevel(key: "middle", minScore: 55, icon: nil, description: "Уверенно", nextLevel: nil, minYears: "2-3"),
                                passed: true, strengths: ["api"], weaknesses: ["db"],
                                questionScores: [QuestionScore(questionID: "api-1", category: "api", points: 5, maxPoints: 5, answered: true),
                                                 QuestionScore(questionID: "db-1", category: "db", points: 0, maxPoints: 5, answered: false)],
                                points: 14.5, maxPoints: 20)
        let questionDetails = [
            QuestionDetailDTO(questionID: "api-1", category: "api", question: "Which are safe?\n", mode: "multiple",
                              chosen: .array(["a", "c"]), chosenText: "GET; DELETE", bestValue: .array(["a", "b"]), bestText: "GET; HEAD",
                              points: 5, maxPoints: 5, correct: true, explanation: "DELETE changes state"),
            QuestionDetailDTO(questionID: "db-1", category: "db", question: "Свойство?", mode: "text", chosen: nil, chosenText: nil,
                              bestValue: nil, bestText: nil, points: 0, maxPoints: 5, correct: false, explanation: nil),
        ]
        var details = AttemptDetails(attemptID: UUID.v7(), userID: UUID.v7(), quizID: "quiz:parity", questionIDs: ["api-1", "db-1"],
                                     optionOrder: ["api-1": ["c", "a", "b"], "db-1": []])
        details.answers = ["api-1": .array(["a", "c"]), "db-1": .null]
        #expect(try JSONValue.parse(Data(details.documentJSON())) == .object(details.document))
        var guest = details
        guest.userID = nil
        #expect(try JSONValue.parse(Data(guest.documentJSON())) == .object(guest.document))

        var finished = details
        finished.recommendations = "# Study plan\n- **Score:** 73"
        let written = try JSONValue.parseObject(finished.documentJSON(scored: QuizPresenter.Scored(result: result, questionDetails: questionDetails)))
        #expect(written.filter { !["result", "question_details"].contains($0.key) } == finished.document)
        let stored = try #require(AttemptDetails(written))
        #expect(stored.decodedResult == result)
        #expect(stored.decodedQuestionDetails == questionDetails)
        #expect(stored.result?.objectValue?["question_scores"]?.arrayValue?.first?.objectValue?["points"] == .double(5))
        // A document read back from the store writes as it was read.
        #expect(try JSONValue.parse(Data(stored.documentJSON())) == .object(written))
    }
}
