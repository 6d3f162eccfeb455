import CampusCore

/// The parts of a practice document only the checker reads: the reference query, the hidden rows, the
/// sample solutions and the mock API's expectations.
package enum PracticeSecrets {
    package static func removed(from document: JSONObject) -> JSONObject {
        var document = document
        if case .object(var sql)? = document["sql"] {
            sql["reference"] = nil
            if case .object(var datasets)? = sql["datasets"] {
                datasets["hidden"] = nil
                sql["datasets"] = .object(datasets)
            }
            document["sql"] = .object(sql)
        }
        if case .object(var json)? = document["json"] {
            json["sample_solution"] = nil
            document["json"] = .object(json)
        }
        if case .object(var api)? = document["api"] {
            api["sample_solution"] = nil
            document["api"] = .object(api)
        }
        return document
    }
}
