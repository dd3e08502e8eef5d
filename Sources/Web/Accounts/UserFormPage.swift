import Accounts
import Vapor
import XiangcunKit

/// 新建用户 — the form that creates an account.
enum UserFormPage {
    struct Model: Sendable {
        var form: FormState
        /// Roles this administrator may give (a system administrator only by another one).
        var roles: [Role]
    }

    static func load(_ req: Request, form: FormState? = nil) throws -> Model {
        let admin = try req.require(.manageUsers)
        var initial = FormState()
        initial.values["scopeCode"] = req.context.county?.value ?? ""
        initial.values["role"] = Role.stationOperator.rawValue
        return Model(form: form ?? initial, roles: Role.allCases.filter { $0 != .systemAdmin || admin.scope == .everything })
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let form = m.form
        return Layout.page(chrome, title: chrome.t("users.new")) {
            el("form", ["method": "post", "action": SiteURL.userNew.path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, form, fields: [("username", chrome.t("users.username")), ("displayName", chrome.t("users.displayName")),
                    ("role", chrome.t("users.role")), ("scopeCode", chrome.t("users.scope")), ("phone", chrome.t("users.phone")), ("password", chrome.t("users.password"))])
                Forms.field(chrome, form, name: "username", label: chrome.t("users.username"), required: true, autocomplete: "off")
                Forms.field(chrome, form, name: "displayName", label: chrome.t("users.displayName"), required: true)
                Forms.select(chrome, form, name: "role", label: chrome.t("users.role"), options: m.roles.map { ($0.rawValue, chrome.t($0.messageKey)) })
                Forms.field(chrome, form, name: "scopeCode", label: chrome.t("users.scope"), hint: "331123000000")
                Forms.field(chrome, form, name: "phone", label: chrome.t("users.phone"), type: "tel")
                Forms.field(chrome, form, name: "password", label: chrome.t("users.password"), type: "password", required: true, autocomplete: "new-password")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
        }
    }
}
