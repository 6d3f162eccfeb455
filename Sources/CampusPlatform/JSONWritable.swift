import CampusCore
import Foundation
import Vapor

/// A response body written straight into JSON bytes. Foundation's `JSONEncoder` costs more than the
/// database work on the hottest pages (docs/benchmarks.md, "Profile findings"), so those DTOs also write
/// themselves; a test keeps each writer equal to the DTO's `Codable` form, which the OpenAPI contract
/// tests check. Like the encoder, writers leave out members whose value is nil.
package protocol JSONWritable: AsyncResponseEncodable {
    func write(to json: inout JSONOutput)
}

extension JSONWritable {
    package var jsonBytes: [UInt8] {
        var json = JSONOutput(capacity: 1024)
        write(to: &json)
        return json.bytes
    }

    package func encodeResponse(for request: Request) async throws -> Response {
        Response.json(jsonBytes)
    }
}

extension Response {
    package static func json(_ bytes: [UInt8], status: HTTPResponseStatus = .ok) -> Response {
        json(ByteBuffer(bytes: bytes), status: status)
    }

    /// A body encoded before (kept encoded between requests), sent as it is.
    package static func json(_ body: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: body))
    }

    /// A body made of consecutive parts, some of them kept encoded between requests (an attempt's plan):
    /// `CampusHTTPHandler` writes the parts as they are, one gathered write, so the large kept part is
    /// neither copied nor allocated and freed per request. Anything else reading the body gets the parts
    /// streamed in order.
    package static func json(parts: [ByteBuffer], status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let response = Response(status: status, headers: headers,
                                body: .init(stream: { writer in
                                    for part in parts { writer.write(.buffer(part), promise: nil) }
                                    writer.write(.end, promise: nil)
                                }, count: parts.reduce(0) { $0 + $1.readableBytes }))
        response.storage[BodyPartsKey.self] = parts
        return response
    }

    package struct BodyPartsKey: StorageKey {
        package typealias Value = [ByteBuffer]
    }
}

extension JSONOutput {
    package mutating func date(_ date: Date) {
        string(ISO8601.string(from: date))
    }

    package mutating func member(_ name: String, _ text: String) { key(name); string(text) }
    package mutating func member(_ name: String, _ number: Int) { key(name); int(number) }
    package mutating func member(_ name: String, _ flag: Bool) { key(name); bool(flag) }
    package mutating func member(_ name: String, _ date: Date) { key(name); self.date(date) }

    /// A double as `JSONEncoder` writes it: a whole number without a fraction (so both forms read back alike).
    package mutating func member(_ name: String, number: Double) throws {
        key(name)
        if number.rounded() == number, abs(number) < 9_007_199_254_740_992, let whole = Int64(exactly: number) {
            int(whole)
        } else {
            try double(number)
        }
    }

    /// A double as `JSONValue.double` writes it: always with a fraction or an exponent, so it reads back a double.
    package mutating func member(_ name: String, exactly number: Double) throws {
        key(name)
        try double(number)
    }

    package mutating func strings(_ texts: [String]) {
        beginArray()
        for text in texts {
            separate()
            string(text)
        }
        endArray()
    }

    package mutating func member(_ name: String, ifPresent text: String?) {
        if let text { member(name, text) }
    }

    package mutating func member(_ name: String, ifPresent date: Date?) {
        if let date { member(name, date) }
    }

    package mutating func member<Value: JSONWritable>(_ name: String, _ value: Value) {
        key(name)
        value.write(to: &self)
    }

    package mutating func member<Value: JSONWritable>(_ name: String, _ values: [Value]) {
        key(name)
        beginArray()
        for value in values {
            separate()
            value.write(to: &self)
        }
        endArray()
    }
}
