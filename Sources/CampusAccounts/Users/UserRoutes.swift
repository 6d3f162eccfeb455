import CampusCore
import CampusPlatform
import Vapor

/// The signed-in user's own account: `/api/v1/users/me`.
package struct UserRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get(use: show)
        me.patch(use: update)
        me.delete(use: delete)
        me.post("password", use: changePassword)
    }

    @Sendable package func show(req: Request) async throws -> UserDTO {
        UserDTO(try req.requireSignedInUser())
    }

    @Sendable package func update(req: Request) async throws -> UserDTO {
        let body = try req.content.decode(UpdateProfileRequest.self)
        return try UserDTO(try await ProfileService(database: req.campusDB).update(try await req.requireUser(), with: body))
    }

    @Sendable package func changePassword(req: Request) async throws -> Response {
        let body = try req.content.decode(ChangePasswordRequest.self)
        var check = FieldValidator()
        let current = check.required("current_password", body.currentPassword, maxLength: 1024, trimming: false)
        let new = check.newPassword("new_password", body.newPassword, confirm: body.newPasswordConfirm,
                                    confirmField: "new_password_confirm")
        try check.throwIfInvalid()
        let user = try await req.requireUser()
        let session = try await req.authService.changePassword(user: user, current: current!, new: new!)
        return try SessionResponse.make(session, status: .ok, for: req)
    }

    @Sendable package func delete(req: Request) async throws -> Response {
        let user = try await req.requireUser()
        try await req.authService.deleteAccount(user: user)
        let response = Response(status: .noContent)
        SessionResponse.clearCookies(on: response)
        return response
    }
}
