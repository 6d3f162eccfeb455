import CampusCore
import Foundation
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

    @Test("a stored quiz result reads back through its Codable form unchanged")
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
            #expect(try JSONDecoder().decode(QuizResult.self, from: Data(result.jsonValue.jsonBytes())) == result)
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
            let stored = try JSONValue.parse(Data(detail.json.jsonBytes()))
            let viaCodable = try JSONValue.parse(try JSONEncoder.campus.encode(detail))
            #expect(try JSONDecoder.campus.decode(QuestionDetailDTO.self, from: Data(stored.jsonBytes())) == detail)
            #expect(stored.objectValue?.keys.sorted() == viaCodable.objectValue?.keys.sorted())
        }
    }
}
