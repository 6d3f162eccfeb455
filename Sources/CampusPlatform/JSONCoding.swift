import CampusCore
import Foundation
import Vapor

// No key strategy on purpose: a strategy would also rewrite dictionary keys (question ids, content
// fields). DTOs spell their snake_case keys out in CodingKeys instead.
extension JSONEncoder {
    /// The one wire encoding: ISO 8601 UTC times with milliseconds.
    package static var campus: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    package static var campus: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time")
            }
            return date
        }
        return decoder
    }
}

package enum ISO8601 {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plain = Date.ISO8601FormatStyle(timeZone: .gmt)

    package static func string(from date: Date) -> String {
        UTCTimestamp.string(from: date)
    }

    package static func date(from text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? plain.parse(text))
    }
}

extension UUID {
    /// Lower-case, as RFC 9562 asks for output.
    package var wireString: String { lowercaseText }
}
