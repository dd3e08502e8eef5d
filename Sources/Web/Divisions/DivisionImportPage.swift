import Accounts
import Divisions
import Vapor
import XiangcunKit

/// 导入行政区划 — upload of a division list (NBS CSV, UTF-8 or GB18030), with the outcome.
enum DivisionImportPage {
    struct Model: Sendable {
        var message: String?
        var errors: [RowError]
    }

    static func load(_ req: Request, message: String? = nil, errors: [RowError] = []) throws -> Model {
        _ = try req.require(.importDivisions)
        return Model(message: message, errors: errors)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("divisions.import")) {
            if let message = m.message { el("p", ["class": m.errors.isEmpty ? "flash" : "error-summary", "role": "status"]) { message } }
            if !m.errors.isEmpty {
                el("ul", ["class": "error"]) { for e in m.errors.prefix(200) { el("li") { chrome.t("import.line", "\(e.line)", e.message) } } }
            }
            Forms.uploadForm(chrome, action: SiteURL.divisionsImport.path) {
                Forms.file(chrome, FormState(), label: chrome.t("divisions.import.file"), accept: ".csv,text/csv", hint: "331123102201,示例村,220")
                Forms.select(chrome, FormState(), name: "encoding", label: chrome.t("divisions.import.encoding"),
                             options: [("auto", chrome.t("divisions.import.auto")), ("utf8", "UTF-8"), ("gb18030", "GB18030 / GBK")])
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("divisions.import") }
            }
        }
    }
}
