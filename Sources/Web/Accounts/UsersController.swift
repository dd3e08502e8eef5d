import Accounts
import Audit
import Divisions
import Vapor
import XiangcunKit

/// Routes of the account pages, and the forms that create, disable, unlock and re-password.
struct UsersController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.users) { req in Response.html(UsersPage.view(try await req.chrome(), try await UsersPage.load(req))) }
        routes.get(.userNew) { req in Response.html(UserFormPage.view(try await req.chrome(), try UserFormPage.load(req))) }
        routes.post(.userNew, use: create)
        routes.get(.user(Placeholder.id)) { req in Response.html(UserPage.view(try await req.chrome(), try await UserPage.load(req))) }
        routes.post(.userDisable(Placeholder.id)) { req in try await self.setDisabled(req, true) }
        routes.post(.userEnable(Placeholder.id)) { req in try await self.setDisabled(req, false) }
        routes.post(.userPassword(Placeholder.id), use: setPassword)
        routes.post(.userUnlock(Placeholder.id), use: unlock)
    }

    struct NewUserForm: Content {
        var username: String?, displayName: String?, role: String?, scopeCode: String?, phone: String?, password: String?
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let input = try req.content.decode(NewUserForm.self)
        var form = FormState(values: ["username": input.username ?? "", "displayName": input.displayName ?? "", "role": input.role ?? "",
                                      "scopeCode": input.scopeCode ?? "", "phone": input.phone ?? ""])
        let refused = { (form: FormState) in
            Response.html(UserFormPage.view(try await req.chrome(), try UserFormPage.load(req, form: form)), status: .unprocessableEntity)
        }
        guard let role = Role(rawValue: input.role ?? "") else {
            form.errors["role"] = "error.invalid"
            return try await refused(form)
        }
        let new = NewUser(username: input.username ?? "", displayName: input.displayName ?? "", password: input.password ?? "",
                          role: role, scopeCode: input.scopeCode.flatMap { $0.isEmpty ? nil : (try? DivisionCode($0))?.value ?? $0 }, phone: input.phone)
        do {
            let user = try await req.createUser(new, by: admin)
            return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await refused(form)
        }
    }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let (admin, user) = try await UserPage.find(req)
        guard user.id != admin.id else { throw Abort(.badRequest) }
        try await AccountService.setDisabled(user, disabled, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
    }

    /// Lifts a sign-in lock after the administrator has made sure the owner is the one locked out.
    @Sendable func unlock(_ req: Request) async throws -> Response {
        let (_, user) = try await UserPage.find(req)
        try await req.application.loginThrottle.unlock(account: user.username, on: req.db)
        try await AuditLog.record(on: req.db, actor: req.actor, action: .update, entity: User.schema,
                                  entityID: user.id?.uuidString ?? "", county: user.countyCode, new: ["signInLock": "lifted"])
        return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
    }

    @Sendable func setPassword(_ req: Request) async throws -> Response {
        let (_, user) = try await UserPage.find(req)
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        do {
            try await AccountService.setPassword(user, to: password, hasher: req.application.passwordHasher, actor: req.actor, on: req.db)
        } catch is ValidationFailure {
            // Back to the user's page, saying why (the only rule is the length).
            return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=flash.passwordShort")
        }
        return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
    }
}
