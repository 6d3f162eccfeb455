import Foundation

/// The exercise's API, answering a learner's request the way the author defined it. Pure: nothing is
/// sent anywhere.
public struct MockAPI: Sendable {
    public struct Exchange: Sendable, Equatable {
        public var request: APIRequest
        /// The route the request reached, when one did.
        public var route: String?
        public var response: APITask.Response
        /// The author's messages for the expectations the request did not meet.
        public var unmet: [LocalizedText]
    }

    public let routes: [APITask.Route]

    public init(routes: [APITask.Route]) {
        self.routes = routes
    }

    public func respond(to request: APIRequest) -> Exchange {
        let segments = request.segments
        let method = request.method.uppercased()
        var pathMatched = false
        for route in routes {
            guard let parameters = Self.match(route.patternSegments, segments) else { continue }
            pathMatched = true
            guard route.method.uppercased() == method else { continue }
            let unmet = Self.unmet(route.expect, by: request)
            if !unmet.isEmpty {
                let rejection = route.rejection ?? APITask.Response(status: 400, headers: ["content-type": "application/problem+json"],
                                                                   body: .object(["title": "Bad request", "status": 400]))
                return Exchange(request: request, route: route.name, response: rejection, unmet: unmet)
            }
            var response = route.response
            response.body = response.body.map { Self.substitute(parameters, in: $0) }
            response.headers = response.headers.mapValues { Self.substitute(parameters, in: $0) }
            return Exchange(request: request, route: route.name, response: response, unmet: [])
        }
        let status = pathMatched ? 405 : 404
        return Exchange(request: request, route: nil,
                        response: APITask.Response(status: status, headers: ["content-type": "application/problem+json"],
                                                   body: .object(["title": pathMatched ? "Method not allowed" : "Not found", "status": .int(Int64(status))])),
                        unmet: [])
    }

    static func match(_ pattern: [Substring], _ segments: [Substring]) -> [String: String]? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, segments) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") && expected.count > 2 {
                parameters[String(expected.dropFirst().dropLast())] = String(actual)
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }

    static func unmet(_ expect: APITask.Expectations, by request: APIRequest) -> [LocalizedText] {
        var messages: [LocalizedText] = []
        for (name, value) in expect.headers.sorted(by: { $0.key < $1.key }) {
            guard let sent = request.header(name) else {
                messages.append(LocalizedText(en: "The request has no \(name) header.", ru: "В запросе нет заголовка \(name)."))
                continue
            }
            if let value, !Self.headerValue(sent, equals: value, name: name) {
                messages.append(LocalizedText(en: "The \(name) header should be \(value).", ru: "Заголовок \(name) должен быть \(value)."))
            }
        }
        if !expect.rules.isEmpty || expect.schema != nil {
            guard let body = request.body else {
                messages.append(LocalizedText(en: "The request needs a JSON body.", ru: "Запросу нужно тело в формате JSON."))
                return messages
            }
            messages += JSONRuleCheck.evaluate(expect.rules, on: body).filter { !$0.passed }.map(\.rule.message)
            if let schema = expect.schema {
                messages += JSONSchemaCheck(schema: schema).validate(body).prefix(5).map { failure in
                    LocalizedText(en: "Body \(failure.instancePath.isEmpty ? "/" : failure.instancePath): \(failure.message)",
                                  ru: "Тело \(failure.instancePath.isEmpty ? "/" : failure.instancePath): \(failure.message)")
                }
            }
        }
        return messages
    }

    /// Media types compare without their parameters (`application/json; charset=utf-8` is JSON).
    static func headerValue(_ sent: String, equals expected: String, name: String) -> Bool {
        if name == "content-type" || name == "accept" {
            func bare(_ value: String) -> String {
                String(value.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            }
            return bare(sent) == bare(expected)
        }
        return sent.trimmingCharacters(in: .whitespaces) == expected
    }

    static func substitute(_ parameters: [String: String], in value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(substitute(parameters, in: text))
        case .array(let items): .array(items.map { substitute(parameters, in: $0) })
        case .object(let members): .object(members.mapValues { substitute(parameters, in: $0) })
        default: value
        }
    }

    static func substitute(_ parameters: [String: String], in text: String) -> String {
        guard text.contains("{") else { return text }
        var result = text
        for (name, value) in parameters { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}
