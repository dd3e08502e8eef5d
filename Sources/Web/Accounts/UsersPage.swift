import Accounts
import Divisions
import Vapor
import XiangcunKit

/// 用户 — the accounts an administrator manages, within their scope.
enum UsersPage {
    struct Model: Sendable {
        var users: [User]
        var viewer: User
    }

    static func load(_ req: Request) async throws -> Model {
        let admin = try req.require(.manageUsers)
        return Model(users: try await AccountService.list(in: admin.scope, on: req.db), viewer: admin)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("users.title")) {
            el("p") { el("a", ["class": "btn", "href": SiteURL.userNew.path]) { chrome.t("users.new") } }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["users.username", "users.displayName", "users.role", "users.scope", "users.phone", "common.status", "users.lastLogin"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for u in m.users { row(chrome, u, viewer: m.viewer) } }
            } }
        }
    }

    static func row(_ chrome: PageChrome, _ u: User, viewer: User) -> Node {
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
}

enum UserViews {
    /// Phone numbers are personal data: shown whole only to roles that need them.
    static func phone(_ user: User, for viewer: User) -> String {
        guard let phone = user.phone else { return "—" }
        return viewer.userRole.can(.seePersonalData) ? phone : Identifiers.maskPhone(phone)
    }
}
