/// Runs a learner's requests through the exercise's mock API and evaluates the author's checks on what
/// it answered.
public enum APIExerciseCheck {
    public struct Outcome: Sendable, Equatable {
        public var exchanges: [MockAPI.Exchange]
        public var checks: [PracticeCheckResult]

        public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    }

    public static func exchanges(_ task: APITask, requests: [APIRequest]) -> [MockAPI.Exchange] {
        let mock = MockAPI(routes: task.routes)
        return requests.prefix(task.maxRequests).map { mock.respond(to: $0) }
    }

    public static func run(_ task: APITask, requests: [APIRequest]) -> Outcome {
        let exchanges = exchanges(task, requests: requests)
        if requests.count > task.maxRequests {
            let limit = PracticeCheckResult(
                name: LocalizedText(en: "Number of requests", ru: "Число запросов"), passed: false,
                message: LocalizedText(en: "At most \(task.maxRequests) requests are allowed; \(requests.count) were sent.",
                                       ru: "Можно отправить не больше \(task.maxRequests) запросов; отправлено \(requests.count)."))
            return Outcome(exchanges: exchanges, checks: [limit])
        }
        let successStatus = Dictionary(task.routes.map { ($0.name, $0.response.status) }, uniquingKeysWith: { first, _ in first })
        var passedAt: [String: Int] = [:]
        var checks: [PracticeCheckResult] = []
        for check in task.checks {
            let status = check.status ?? successStatus[check.route]
            let start = check.after.flatMap { passedAt[$0] }.map { $0 + 1 } ?? 0
            let afterFailed = check.after != nil && check.after.flatMap({ passedAt[$0] }) == nil
            let index = afterFailed ? nil : exchanges.indices.dropFirst(start).first { index in
                exchanges[index].route == check.route && exchanges[index].response.status == status
            }
            if let index { passedAt[check.name] = index }
            var message = index == nil ? check.message : PracticeCheckResult.passedMessage
            if index == nil, let unmet = exchanges.first(where: { $0.route == check.route && !$0.unmet.isEmpty })?.unmet.first {
                message = LocalizedText(en: [check.message.text(in: .en), unmet.text(in: .en)].joined(separator: " "),
                                        ru: [check.message.text(in: .ru), unmet.text(in: .ru)].joined(separator: " "))
            }
            checks.append(PracticeCheckResult(name: LocalizedText(en: check.name), passed: index != nil, message: message))
        }
        return Outcome(exchanges: exchanges, checks: checks)
    }
}
