import CampusCore
import CampusPlatform
import Foundation
import NIOCore

extension SaveAnswersRequest {
    /// A submit's body, read by Campus's own JSON reader (Foundation's decoder was a fiftieth of a submit, issue 18),
    /// with the problems the decoder's errors give: no body is no answers.
    package static func read(_ body: ByteBuffer?) throws -> SaveAnswersRequest {
        guard let body else { return SaveAnswersRequest() }
        guard let value = try? body.withUnsafeReadableBytes({ try JSONValue.parse(Data($0)) }) else {
            throw Problem.validation(field: "body", "is not valid JSON")
        }
        guard case .object(let members) = value else { throw Problem.validation(field: "body", "must be an object") }
        switch members["answers"] {
        case nil, .null?: return SaveAnswersRequest()
        case .object(let answers)?: return SaveAnswersRequest(answers: answers)
        default: throw Problem.validation(field: "answers", "must be an object")
        }
    }
}
