import Accounts
import Audit
import Divisions
import Vapor
import XiangcunKit

struct UsersController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.users, use: index)
        routes.get(.userNew, use: newForm)
        routes.post(.userNew, use: create)
        routes.get(.user(Placeholder.id), use: show)
        routes.post(.userDisable(Placeholder.id)) { req in try await self.setDisabled(req, true) }
        routes.post(.userEnable(Placeholder.id)) { req in try await self.setDisabled(req, false) }
        routes.post(.userPassword(Placeholder.id), use: setPassword)
        routes.post(.userUnlock(Placeholder.id), use: unlock)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let users = try await AccountService.list(in: admin.scope, on: req.db)
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("users.title")) {
            el("p") { el("a", ["class": "btn", "href": SiteURL.userNew.path]) { chrome.t("users.new") } }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["users.username", "users.displayName", "users.role", "users.scope", "users.phone", "common.status", "users.lastLogin"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for u in users { row(chrome, u, viewer: admin) } }
            } }
        })
    }

    func row(_ chrome: PageChrome, _ u: User, viewer: User) -> Node {
        el("tr") {
            el("td") { el("a", ["href": SiteURL.user(u.id ?? UUID()).path]) { u.username } }
            el("td") { u.displayName }
            el("td") { chrome.t(u.userRole.messageKey) }
            el("td") { u.countyCode.flatMap { try? DivisionCode($0) }?.short ?? "—" }
            el("td") { UserViews.phone(u, for: viewer) }
            el("td") { el("span", ["class": u.disabled ? "tag off" : "tag"]) { chrome.t(u.disabled ? "users.disabled" : "users.enabled") } }
            el("td") { Beijing.format(u.lastLoginAt) }
        }
    }

    @Sendable func newForm(_ req: Request) async throws -> Response {
        _ = try req.require(.manageUsers)
        var form = FormState()
        form.values["scopeCode"] = req.context.county?.value ?? ""
        form.values["role"] = Role.stationOperator.rawValue
        return try await renderForm(req, form, status: .ok)
    }

    func renderForm(_ req: Request, _ form: FormState, status: HTTPResponseStatus) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let chrome = try await req.chrome()
        let roles = Role.allCases.filter { $0 != .systemAdmin || admin.scope == .everything }
        return .html(Layout.page(chrome, title: chrome.t("users.new")) {
            el("form", ["method": "post", "action": SiteURL.userNew.path, "class": "panel"]) {
                Layout.csrfField(req.context)
                Forms.errorSummary(chrome, form)
                Forms.field(chrome, form, name: "username", label: chrome.t("users.username"), required: true, autocomplete: "off")
                Forms.field(chrome, form, name: "displayName", label: chrome.t("users.displayName"), required: true)
                Forms.select(chrome, form, name: "role", label: chrome.t("users.role"), options: roles.map { ($0.rawValue, chrome.t($0.messageKey)) })
                Forms.field(chrome, form, name: "scopeCode", label: chrome.t("users.scope"), hint: "331123000000")
                Forms.field(chrome, form, name: "phone", label: chrome.t("users.phone"), type: "tel")
                Forms.field(chrome, form, name: "password", label: chrome.t("users.password"), type: "password", required: true, autocomplete: "new-password")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
        }, status: status)
    }

    struct NewUserForm: Content {
        var username: String?, displayName: String?, role: String?, scopeCode: String?, phone: String?, password: String?
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let input = try req.content.decode(NewUserForm.self)
        var form = FormState(values: ["username": input.username ?? "", "displayName": input.displayName ?? "", "role": input.role ?? "",
                                      "scopeCode": input.scopeCode ?? "", "phone": input.phone ?? ""])
        guard let role = Role(rawValue: input.role ?? "") else {
            form.errors["role"] = "error.invalid"
            return try await renderForm(req, form, status: .unprocessableEntity)
        }
        let new = NewUser(username: input.username ?? "", displayName: input.displayName ?? "", password: input.password ?? "",
                          role: role, scopeCode: input.scopeCode.flatMap { $0.isEmpty ? nil : (try? DivisionCode($0))?.value ?? $0 }, phone: input.phone)
        do {
            let user = try await req.createUser(new, by: admin)
            return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await renderForm(req, form, status: .unprocessableEntity)
        }
    }

    func findUser(_ req: Request) async throws -> (User, User) {
        let admin = try req.require(.manageUsers)
        guard let id = req.parameters.get("id", as: UUID.self),
              let user = try await AccountService.find(id, in: admin.scope, on: req.db) else { throw Abort(.notFound) }
        return (admin, user)
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let (admin, user) = try await findUser(req)
        let chrome = try await req.chrome()
        let form = FormState()
        let locked = await req.application.loginThrottle.isLocked(account: user.username)
        return .html(Layout.page(chrome, title: user.displayName) {
            el("div", ["class": "panel"]) {
                el("p") { chrome.t("users.username") + "：" + user.username }
                el("p") { chrome.t("users.role") + "：" + chrome.t(user.userRole.messageKey) }
                el("p") { chrome.t("users.scope") + "：" + (user.countyCode ?? "—") }
                el("p") { chrome.t("users.phone") + "：" + UserViews.phone(user, for: admin) }
                el("p") { chrome.t("users.lastLogin") + "：" + Beijing.format(user.lastLoginAt) }
            }
            if locked {
                el("form", ["method": "post", "action": SiteURL.userUnlock(user.id ?? UUID()).path, "class": "panel"]) {
                    Layout.csrfField(req.context)
                    el("p", ["class": "error"]) { chrome.t("users.locked") }
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("users.unlock") }
                }
            }
            if user.id != admin.id {
                el("form", ["method": "post", "action": (user.disabled ? SiteURL.userEnable(user.id ?? UUID()) : SiteURL.userDisable(user.id ?? UUID())).path, "class": "panel"]) {
                    Layout.csrfField(req.context)
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t(user.disabled ? "users.enable" : "users.disable") }
                }
            }
            el("form", ["method": "post", "action": SiteURL.userPassword(user.id ?? UUID()).path, "class": "panel"]) {
                Layout.csrfField(req.context)
                Forms.field(chrome, form, name: "password", label: chrome.t("login.password"), type: "password", required: true, autocomplete: "new-password")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
            el("p") { el("a", ["href": SiteURL.users.path]) { chrome.t("common.back") } }
        })
    }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let (admin, user) = try await findUser(req)
        guard user.id != admin.id else { throw Abort(.badRequest) }
        try await AccountService.setDisabled(user, disabled, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
    }

    /// Lifts a sign-in lock after the administrator has made sure the owner is the one locked out.
    @Sendable func unlock(_ req: Request) async throws -> Response {
        let (_, user) = try await findUser(req)
        await req.application.loginThrottle.unlock(account: user.username)
        try await AuditLog.record(on: req.db, actor: req.actor, action: .update, entity: User.schema,
                                  entityID: user.id?.uuidString ?? "", county: user.countyCode, new: ["signInLock": "lifted"])
        return req.redirect(to: SiteURL.user(user.id ?? UUID()).path + "?flash=common.saved")
    }

    @Sendable func setPassword(_ req: Request) async throws -> Response {
        let (_, user) = try await findUser(req)
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

enum UserViews {
    /// Phone numbers are personal data: shown whole only to roles that need them.
    static func phone(_ user: User, for viewer: User) -> String {
        guard let phone = user.phone else { return "—" }
        return viewer.userRole.can(.seePersonalData) ? phone : Identifiers.maskPhone(phone)
    }
}
