import Accounts
import Vapor
import XiangcunKit

/// 用户详情 — one account: its facts, sign-in lock, enable/disable and a new password.
enum UserPage {
    struct Model: Sendable {
        var user: User
        var viewer: User
        /// Locked after failed sign-ins from several addresses (the administrator may lift it).
        var locked: Bool
    }

    /// The account inside the administrator's scope; others are not found.
    static func find(_ req: Request) async throws -> (admin: User, user: User) {
        let admin = try req.require(.manageUsers)
        guard let id = req.parameters.get("id", as: UUID.self),
              let user = try await AccountService.find(id, in: admin.scope, on: req.db) else { throw Abort(.notFound) }
        return (admin, user)
    }

    static func load(_ req: Request) async throws -> Model {
        let (admin, user) = try await find(req)
        return Model(user: user, viewer: admin, locked: try await req.application.loginThrottle.isLocked(account: user.username, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let user = m.user, id = m.user.id ?? UUID()
        return Layout.page(chrome, title: user.displayName) {
            el("div", ["class": "panel"]) {
                el("p") { chrome.t("users.username") + "：" + user.username }
                el("p") { chrome.t("users.role") + "：" + chrome.t(user.userRole.messageKey) }
                el("p") { chrome.t("users.scope") + "：" + (user.countyCode ?? "—") }
                el("p") { chrome.t("users.phone") + "：" + UserViews.phone(user, for: m.viewer) }
                el("p") { chrome.t("users.lastLogin") + "：" + Beijing.format(user.lastLoginAt) }
            }
            if m.locked {
                el("form", ["method": "post", "action": SiteURL.userUnlock(id).path, "class": "panel"]) {
                    Layout.csrfField(chrome.context)
                    el("p", ["class": "error"]) { chrome.t("users.locked") }
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("users.unlock") }
                }
            }
            if user.id != m.viewer.id {
                el("form", ["method": "post", "action": (user.disabled ? SiteURL.userEnable(id) : SiteURL.userDisable(id)).path, "class": "panel"]) {
                    Layout.csrfField(chrome.context)
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t(user.disabled ? "users.enable" : "users.disable") }
                }
            }
            el("form", ["method": "post", "action": SiteURL.userPassword(id).path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.field(chrome, FormState(), name: "password", label: chrome.t("login.password"), type: "password", required: true, autocomplete: "new-password")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
            el("p") { el("a", ["href": SiteURL.users.path]) { chrome.t("common.back") } }
        }
    }
}
