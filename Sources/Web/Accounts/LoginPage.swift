import Accounts
import Vapor
import XiangcunKit

/// 登录 — the sign-in form. Its CSRF token is a double-submit cookie set with the page.
enum LoginPage {
    struct Model: Sendable {
        var form: FormState
        var message: String?
        /// The token both in the hidden field and in the login cookie.
        var csrf: String
    }

    static func load(form: FormState, message: String? = nil) -> Model {
        Model(form: form, message: message, csrf: Secrets.token())
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("login.title")) {
            el("form", ["method": "post", "action": SiteURL.login.path, "class": "login"]) {
                el("input", ["type": "hidden", "name": CSRFMiddleware.field, "value": m.csrf])
                el("input", ["type": "hidden", "name": "next", "value": m.form["next"]])
                if let message = m.message { el("p", ["class": "error-summary", "role": "alert"]) { message } }
                Forms.field(chrome, m.form, name: "username", label: chrome.t("login.username"), required: true, autocomplete: "username")
                Forms.field(chrome, m.form, name: "password", label: chrome.t("login.password"), type: "password", required: true, autocomplete: "current-password")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("login.submit") }
            }
        }
    }
}
