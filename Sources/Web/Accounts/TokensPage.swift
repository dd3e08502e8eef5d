import Accounts
import Vapor
import XiangcunKit

/// API 令牌 — the signed-in user's API tokens, and the form that creates one.
///
/// The shape every page follows: `Model` is everything the page shows, read once (with the
/// access check) by `load`; `view` renders a model and reads nothing.
enum TokensPage {
    struct Model: Sendable {
        var tokens: [APIToken]
        /// A token just created: shown once, never again.
        var created: String?
        var form: FormState
    }

    static func load(_ req: Request, created: String? = nil, form: FormState = FormState(values: ["scopes": "read"])) async throws -> Model {
        let user = try req.require(.manageTokens)
        return Model(tokens: try await Tokens.list(for: user, on: req.db), created: created, form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("tokens.title")) {
            if let created = m.created {
                el("div", ["class": "panel"]) { el("p") { chrome.t("tokens.shown.once") }; el("pre", ["class": "token"]) { created } }
            }
            el("form", ["method": "post", "action": SiteURL.tokens.path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, m.form)
                Forms.field(chrome, m.form, name: "name", label: chrome.t("tokens.name"), required: true)
                Forms.select(chrome, m.form, name: "scopes", label: chrome.t("tokens.scopes"),
                             options: [("read", chrome.t("scope.read")), ("read write", chrome.t("scope.write"))])
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("tokens.new") }
            }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for key in ["tokens.name", "tokens.scopes", "tokens.created", "tokens.lastUsed", "common.status", "common.actions"] { el("th") { chrome.t(key) } } } }
                el("tbody") { for token in m.tokens { row(chrome, token) } }
            } }
        }
    }

    static func row(_ chrome: PageChrome, _ token: APIToken) -> Node {
        el("tr") {
            el("td") { token.name }
            el("td") { token.scopes }
            el("td") { Beijing.format(token.createdAt) }
            el("td") { Beijing.format(token.lastUsedAt) }
            el("td") { token.revokedAt == nil ? chrome.t("common.active") : chrome.t("tokens.revoked") }
            el("td") {
                if token.revokedAt == nil, let id = token.id {
                    el("form", ["method": "post", "action": SiteURL.tokenRevoke(id).path, "class": "inline"]) {
                        Layout.csrfField(chrome.context)
                        el("button", ["type": "submit", "class": "btn secondary", "data-confirm": chrome.t("tokens.revoke") + "?"]) { chrome.t("tokens.revoke") }
                    }
                }
            }
        }
    }
}
