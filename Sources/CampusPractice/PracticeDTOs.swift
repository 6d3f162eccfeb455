import CampusCore
import CampusPlatform
import Foundation
import Vapor

/// `GET /practices/{id}`: what a learner needs to solve the exercise, never what the checker knows.
package struct PracticeDTO: Content {
    package var id: String
    package var kind: String
    package var language: String
    package var title: String
    package var statementMDX: String
    package var courseID: String?
    package var lessonID: String?
    package var required: Bool
    package var points: Int
    package var maxAttempts: Int?
    package var editor: EditorDTO
    package var sql: SQLPartDTO?
    package var json: JSONPartDTO?
    package var api: APIPartDTO?
    package var standing: StandingDTO

    package struct EditorDTO: Content {
        package var language: String
        package var starter: String
    }

    package struct SQLPartDTO: Content {
        package var dialect: String
        package var schema: String
        package var tables: [TableDTO]
        package var orderMatters: Bool
        package var columnNames: Bool
        package var timeMS: Int
        package var rowLimit: Int

        package enum CodingKeys: String, CodingKey {
            case dialect, schema, tables
            case orderMatters = "order_matters"
            case columnNames = "column_names"
            case timeMS = "time_ms"
            case rowLimit = "row_limit"
        }
    }

    package struct TableDTO: Content {
        package var name: String
        package var columns: [String]
        package var rows: [[JSONValue]]
        package var truncated: Bool
    }

    package struct JSONPartDTO: Content {
        package var ruleCount: Int
        package var hasSchema: Bool

        package enum CodingKeys: String, CodingKey {
            case ruleCount = "rule_count"
            case hasSchema = "has_schema"
        }
    }

    package struct APIPartDTO: Content {
        package var baseURL: String?
        package var routes: [RouteDTO]
        package var maxRequests: Int

        package struct RouteDTO: Content {
            package var method: String
            package var path: String
        }

        package enum CodingKeys: String, CodingKey {
            case routes
            case baseURL = "base_url"
            case maxRequests = "max_requests"
        }
    }

    package struct StandingDTO: Content {
        package var attempts: Int
        package var attemptsLeft: Int?
        package var passed: Bool
        package var bestScore: Int?

        package enum CodingKeys: String, CodingKey {
            case attempts, passed
            case attemptsLeft = "attempts_left"
            case bestScore = "best_score"
        }
    }

    package enum CodingKeys: String, CodingKey {
        case id, kind, language, title, required, points, editor, sql, json, api, standing
        case statementMDX = "statement_mdx"
        case courseID = "course_id"
        case lessonID = "lesson_id"
        case maxAttempts = "max_attempts"
    }
}

/// `POST /practices/{id}/run`.
package struct PracticeRunDTO: Content {
    package var columns: [String]?
    package var rows: [[JSONValue]]?
    package var truncated: Bool?
    package var error: String?
    package var exchanges: [ExchangeDTO]?
    package var durationMS: Int

    package enum CodingKeys: String, CodingKey {
        case columns, rows, truncated, error, exchanges
        case durationMS = "duration_ms"
    }
}

/// One request to an API exercise's mock and what it answered.
package struct ExchangeDTO: Content {
    package var method: String
    package var path: String
    package var status: Int
    package var headers: [String: String]
    package var body: JSONValue?
}

/// `POST /practices/{id}/submit`.
package struct PracticeVerdictDTO: Content {
    package var attemptID: String
    package var attemptNo: Int
    package var practiceID: String
    package var passed: Bool
    package var score: Int
    package var maxScore: Int
    package var checks: [CheckDTO]
    package var exchanges: [ExchangeDTO]?
    package var durationMS: Int
    package var submittedAt: Date
    package var attemptsLeft: Int?
    package var language: String
    /// Achievements this submit earned.
    package var awarded: [EarnedAward] = []

    package struct CheckDTO: Content {
        package var name: String
        package var passed: Bool
        package var message: String
    }

    package enum CodingKeys: String, CodingKey {
        case passed, score, checks, exchanges, language, awarded
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case practiceID = "practice_id"
        case maxScore = "max_score"
        case durationMS = "duration_ms"
        case submittedAt = "submitted_at"
        case attemptsLeft = "attempts_left"
    }
}

/// One row of `GET /users/me/practice-attempts`.
package struct PracticeAttemptDTO: Content {
    package var id: String
    package var practiceID: String
    package var courseID: String?
    package var attemptNo: Int
    package var submittedAt: Date
    package var passed: Bool
    package var score: Int
    package var maxScore: Int
    package var durationMS: Int

    package enum CodingKeys: String, CodingKey {
        case id, passed, score
        case practiceID = "practice_id"
        case courseID = "course_id"
        case attemptNo = "attempt_no"
        case submittedAt = "submitted_at"
        case maxScore = "max_score"
        case durationMS = "duration_ms"
    }

    init(_ attempt: PracticeAttempt) {
        id = attempt.id.wireString
        practiceID = attempt.practiceID
        courseID = attempt.courseContentID
        attemptNo = attempt.attemptNo
        submittedAt = attempt.submittedAt
        passed = attempt.passed
        score = attempt.score
        maxScore = attempt.maxScore
        durationMS = attempt.durationMilliseconds
    }
}

extension SQLValue {
    /// A cell as JSON: blobs as base64 text, since a result table shows them and never compares them here.
    var json: JSONValue {
        switch self {
        case .null: .null
        case .integer(let value): .int(value)
        case .real(let value): value.isFinite ? .double(value) : .string(String(value))
        case .text(let value): .string(value)
        case .blob(let bytes): .string(Data(bytes).base64EncodedString())
        }
    }
}

extension ExchangeDTO {
    init(_ exchange: MockAPI.Exchange) {
        method = exchange.request.method
        path = exchange.request.path
        status = exchange.response.status
        headers = exchange.response.headers
        body = exchange.response.body
    }
}
