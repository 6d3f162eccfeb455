import Foundation
import Vapor

/// The learner's cabinet in the browser: static pages and small JavaScript modules from the package's
/// resources (`Resources/web`), no build step and no CDN. Every page path answers the same `index.html`;
/// the page's router (`js/app.js`) draws the view, reading and writing only through the JSON API.
/// The files are read once at start into memory; a path that is not one of them is 404, so nothing
/// outside the folder can be asked for.
struct WebRoutes: RouteCollection {
    /// The pages the router knows (see `js/app.js`); the server sends `index.html` for each.
    static let pages: [[PathComponent]] = [
        [], ["signin"], ["signup"], ["verify"], ["reset"], ["catalog"], ["dashboard"],
        ["courses", ":reference"], ["lessons", ":lessonID"], ["practices", ":practiceID"], ["quizzes", ":quizID"], ["quizzes", ":quizID", "attempts", ":attemptID"],
    ]

    /// Whether a route is one of these pages or files rather than part of the API (the API's contract tests skip them).
    static func serves(_ path: [PathComponent]) -> Bool {
        path.first?.description == "assets" || pages.contains { $0.map(\.description) == path.map(\.description) }
    }

    /// Scripts, styles and connections only from Campus itself; no inline script or style attribute, no frames.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    let assets: [String: (body: ByteBuffer, type: HTTPMediaType)]
    let index: ByteBuffer

    init(folder: URL?) throws {
        var assets: [String: (ByteBuffer, HTTPMediaType)] = [:]
        if let folder, let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let relative = String(file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
                let type = HTTPMediaType.fileExtension(file.pathExtension) ?? .plainText
                assets[relative] = (ByteBuffer(data: try Data(contentsOf: file)), type)
            }
        }
        self.assets = assets
        index = assets["index.html"]?.0 ?? ByteBuffer(string: "<!doctype html><title>Campus</title><p>The pages are missing from this build.")
    }

    func boot(routes: any RoutesBuilder) throws {
        for path in Self.pages {
            routes.get(path, use: self.page)
        }
        routes.get("assets", "**", use: asset)
    }

    @Sendable func page(req: Request) async throws -> Response {
        respond(index, type: .html)
    }

    @Sendable func asset(req: Request) async throws -> Response {
        let path = req.parameters.getCatchall().joined(separator: "/")
        guard path != "index.html", let (body, type) = assets[path] else { throw Abort(.notFound) }
        return respond(body, type: type)
    }

    private func respond(_ body: ByteBuffer, type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type == .html ? HTTPMediaType(type: "text", subType: "html", parameters: ["charset": "utf-8"]) : type
        headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        // No fingerprinted names without a build step: the browser asks again each time and gets the
        // current file (they are small and served from memory).
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }
}
