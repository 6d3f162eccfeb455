import CampusCore
import Foundation
import Testing
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
}
