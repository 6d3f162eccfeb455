extension PracticeParser.Reader {
    mutating func sql(_ object: JSONObject, _ field: String) -> SQLTask? {
        let dialect = object["dialect"] == nil || object["dialect"] == .null ? .sqlite : enumeration(object["dialect"], field + ".dialect", SQLTask.Dialect.self)
        let schema = string(object["schema"], field + ".schema")
        let datasets = object["datasets"]?.objectValue
        if datasets == nil { fail(field + ".datasets", "is required: {\"visible\": \"INSERT …\", \"hidden\": \"INSERT …\"}") }
        let visible = datasets.flatMap { string($0["visible"], field + ".datasets.visible") }
        let hidden = datasets.flatMap { string($0["hidden"], field + ".datasets.hidden") }
        let reference = string(object["reference"], field + ".reference", maximum: 100_000)
        var compare = SQLComparison()
        if let value = object["compare"], value != .null {
            if let rules = value.objectValue {
                compare.orderMatters = bool(rules["order_matters"], field + ".compare.order_matters") ?? false
                compare.columnNames = bool(rules["column_names"], field + ".compare.column_names") ?? true
                if let tolerance = rules["float_tolerance"], tolerance != .null {
                    if let number = tolerance.doubleValue, number >= 0, number <= 1_000_000 { compare.floatTolerance = number }
                    else { fail(field + ".compare.float_tolerance", "must be a number from 0 to 1000000") }
                }
            } else {
                fail(field + ".compare", "must be an object {order_matters, column_names, float_tolerance}")
            }
        }
        var limits = SQLTask.Limits()
        if let value = object["limits"], value != .null {
            if let given = value.objectValue {
                limits.timeMilliseconds = integer(given["time_ms"], field + ".limits.time_ms", in: SQLTask.Limits.timeRange) ?? limits.timeMilliseconds
                limits.rows = integer(given["rows"], field + ".limits.rows", in: SQLTask.Limits.rowRange) ?? limits.rows
            } else {
                fail(field + ".limits", "must be an object {time_ms, rows}")
            }
        }
        guard let dialect, let schema, let visible, let hidden, let reference else { return nil }
        return SQLTask(dialect: dialect, schema: schema, visible: visible, hidden: hidden, reference: reference, compare: compare, limits: limits)
    }

    mutating func json(_ object: JSONObject, _ field: String) -> JSONTask? {
        let rules = rules(object["rules"], field + ".rules")
        let schema = schema(object["schema"], field + ".schema")
        let schemaMessage = object["schema_message"].flatMap { LocalizedText($0) }
        if object["schema_message"] != nil && object["schema_message"] != .null && schemaMessage == nil { fail(field + ".schema_message", "must be a string or {\"en\": …, \"ru\": …}") }
        if rules.isEmpty && schema == nil && object["rules"] != nil || (object["rules"] == nil && object["schema"] == nil) {
            fail(field, "needs rules, a schema or both")
        }
        guard let sample = object["sample_solution"] else {
            fail(field + ".sample_solution", "is required: a document that passes every rule")
            return nil
        }
        return JSONTask(rules: rules, schema: schema, schemaMessage: schemaMessage, sampleSolution: sample)
    }

    mutating func api(_ object: JSONObject, _ field: String) -> APITask? {
        let baseURL = object["base_url"]?.stringValue
        if let given = object["base_url"], given != .null, baseURL == nil { fail(field + ".base_url", "must be a string such as https://shop.example") }
        guard let routeItems = object["routes"]?.arrayValue, !routeItems.isEmpty else {
            fail(field + ".routes", "is required: a non-empty array of routes")
            return nil
        }
        var routes: [APITask.Route] = []
        for (index, item) in routeItems.enumerated() {
            if let route = route(item, "\(field).routes[\(index)]") {
                if routes.contains(where: { $0.name == route.name }) { fail("\(field).routes[\(index)].name", "duplicate route name \"\(route.name)\"") }
                routes.append(route)
            }
        }
        var checks: [APITask.Check] = []
        let checkItems = object["checks"]?.arrayValue ?? []
        if checkItems.isEmpty { fail(field + ".checks", "is required: a non-empty array of checks") }
        for (index, item) in checkItems.enumerated() {
            let at = "\(field).checks[\(index)]"
            guard let check = item.objectValue else { fail(at, "must be an object {name, route, status, message}"); continue }
            guard let name = string(check["name"], at + ".name", maximum: 200),
                  let routeName = string(check["route"], at + ".route", maximum: 200) else { continue }
            if !routes.contains(where: { $0.name == routeName }) && routes.count == routeItems.count {
                fail(at + ".route", "no route named \"\(routeName)\"")
            }
            let status = integer(check["status"], at + ".status", in: 100...599)
            let after = check["after"]?.stringValue
            if let given = check["after"], given != .null, after == nil { fail(at + ".after", "must be the name of an earlier check") }
            if let after, !checks.contains(where: { $0.name == after }) { fail(at + ".after", "must name an earlier check") }
            if checks.contains(where: { $0.name == name }) { fail(at + ".name", "duplicate check name \"\(name)\"") }
            guard let message = text(check["message"], at + ".message") else { continue }
            checks.append(APITask.Check(name: name, route: routeName, status: status, after: after, message: message))
        }
        let maxRequests = integer(object["max_requests"], field + ".max_requests", in: APITask.requestRange) ?? 10
        guard let sampleItems = object["sample_solution"] else {
            fail(field + ".sample_solution", "is required: the requests that pass every check")
            return nil
        }
        let sample = PracticeRequests.parse(sampleItems)
        switch sample {
        case .failure(let problem): fail(field + ".sample_solution" + problem.field, problem.message); return nil
        case .success(let requests):
            guard issues.isEmpty else { return nil }
            return APITask(baseURL: baseURL, routes: routes, checks: checks, maxRequests: maxRequests, sampleSolution: requests)
        }
    }

    private mutating func route(_ item: JSONValue, _ at: String) -> APITask.Route? {
        guard let route = item.objectValue else { fail(at, "must be an object {name, method, path, response}"); return nil }
        let name = string(route["name"], at + ".name", maximum: 200)
        let method = route["method"]?.stringValue?.uppercased()
        if method.map({ !PracticeRequests.methods.contains($0) }) ?? true {
            fail(at + ".method", "must be one of " + PracticeRequests.methods.sorted().joined(separator: ", "))
        }
        let path = route["path"]?.stringValue
        if path.map({ !$0.hasPrefix("/") || $0.contains("?") || $0.count > 500 }) ?? true { fail(at + ".path", "must start with / and have no query string") }
        var expect = APITask.Expectations()
        if let given = route["expect"], given != .null {
            if let object = given.objectValue {
                if let headers = object["headers"], headers != .null {
                    if let members = headers.objectValue, members.values.allSatisfy({ $0.stringValue != nil || $0 == .null }) {
                        expect.headers = Dictionary(uniqueKeysWithValues: members.map { ($0.key.lowercased(), $0.value.stringValue) })
                    } else {
                        fail(at + ".expect.headers", "must map header names to a value or null (present with any value)")
                    }
                }
                expect.rules = rules(object["rules"], at + ".expect.rules")
                expect.schema = schema(object["schema"], at + ".expect.schema")
            } else {
                fail(at + ".expect", "must be an object {headers, rules, schema}")
            }
        }
        let response = self.response(route["response"], at + ".response", required: true)
        let rejection = self.response(route["rejection"], at + ".rejection", required: false)
        guard let name, let method, let path, let response else { return nil }
        return APITask.Route(name: name, method: method, path: path, expect: expect, response: response, rejection: rejection)
    }

    private mutating func response(_ value: JSONValue?, _ at: String, required: Bool) -> APITask.Response? {
        guard let value, value != .null else {
            if required { fail(at, "is required: {status, headers, body}") }
            return nil
        }
        guard let object = value.objectValue else { fail(at, "must be an object {status, headers, body}"); return nil }
        guard let status = integer(object["status"], at + ".status", in: 100...599) else {
            if object["status"] == nil { fail(at + ".status", "is required") }
            return nil
        }
        var headers: [String: String] = [:]
        if let given = object["headers"], given != .null {
            if let members = given.objectValue, members.values.allSatisfy({ $0.stringValue != nil }) {
                headers = Dictionary(uniqueKeysWithValues: members.map { ($0.key.lowercased(), $0.value.stringValue!) })
            } else {
                fail(at + ".headers", "must map header names to strings")
            }
        }
        if object["body"] != nil && headers["content-type"] == nil { headers["content-type"] = "application/json" }
        return APITask.Response(status: status, headers: headers, body: object["body"])
    }
}
