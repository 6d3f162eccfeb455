import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CampusServer

/// The cabinet's pages as a browser meets them: one index for every page path, modules and styles from
/// `/assets`, a Content-Security-Policy without inline scripts, and nothing outside the web folder.
@Suite("Web pages")
struct WebPagesTests {
    @Test("every page path answers the index with a strict Content-Security-Policy and no inline script")
    func pages() async throws {
        try await withCampus(.sqlite) { campus in
            for path in ["/", "/signin", "/signup", "/verify", "/reset", "/catalog", "/dashboard", "/courses/campus-demo",
                         "/lessons/lesson:campus-demo-intro", "/practices/practice:campus-demo-sql-repeat-customers", "/quizzes/quiz:campus-demo", "/quizzes/quiz:campus-demo/attempts/x"] {
                let response = try await campus.request(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.contentType?.subType == "html", "\(path)")
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
                let body = response.body.string
                #expect(body.contains(#"<script type="module" src="/assets/js/app.js"></script>"#))
                #expect(!body.contains("<script>") && !body.contains(" style=\"") && !body.contains("onclick"))
            }
        }
    }

    @Test("every module the pages import is served with its type; other paths are 404")
    func assets() async throws {
        try await withCampus(.sqlite) { campus in
            var pending = ["js/app.js"], seen = Set<String>()
            while let path = pending.popLast() {
                guard seen.insert(path).inserted else { continue }
                let response = try await campus.request(.GET, "/assets/" + path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.contentType?.subType == "javascript", "\(path)")
                let source = response.body.string
                for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
                    #expect(!source.contains(forbidden), "\(path) uses \(forbidden)")
                }
                for match in source.matches(of: /from "(\.{1,2}\/[^"]+)"/) {
                    var components = Array(path.split(separator: "/").dropLast())
                    for part in match.1.split(separator: "/") {
                        if part == ".." { components.removeLast() } else if part != "." { components.append(part) }
                    }
                    pending.append(components.joined(separator: "/"))
                }
            }
            #expect(seen.count >= 10)
            let css = try await campus.request(.GET, "/assets/app.css")
            #expect(css.status == .ok && css.headers.contentType?.subType == "css")
            for missing in ["/assets/nope.js", "/assets/index.html", "/assets/../Package.swift", "/assets/%2e%2e/openapi.json", "/nope"] {
                #expect(try await campus.request(.GET, missing).status == .notFound, "\(missing)")
            }
        }
    }
}
