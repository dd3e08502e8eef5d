import Accounts
import ProgrammeCore
import Vapor
import XiangcunKit

/// 导入实施方案 — the plan workbook upload (all or nothing) with what the last upload came to:
/// every sheet/row/column error, or the warnings of an imported plan.
enum ProgrammeImportPage {
    /// What became of an upload.
    enum Outcome: Sendable {
        case missingFile
        /// Refused with this many errors.
        case rejected(Int)
        /// The county already has a programme of that batch (and "replace" was not ticked).
        case exists
        /// The workbook is another county's plan.
        case wrongCounty
        /// Imported: the plan's title.
        case imported(String)
    }

    struct Model: Sendable {
        var outcome: Outcome?
        var errors: [SheetError] = []
        var warnings: [SheetError] = []
    }

    static func load(_ req: Request, outcome: Outcome? = nil, errors: [SheetError] = [], warnings: [SheetError] = []) throws -> Model {
        _ = try req.require(.editProgramme)
        _ = try req.requireCounty()
        return Model(outcome: outcome, errors: errors, warnings: warnings)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("programme.import")) {
            if let outcome = m.outcome {
                el("p", ["class": m.errors.isEmpty ? "flash" : "error-summary", "role": "status"]) { message(chrome, outcome) }
            }
            if !m.errors.isEmpty { el("ul", ["class": "error"]) { for e in m.errors.prefix(300) { el("li") { e.description } } } }
            if !m.warnings.isEmpty {
                el("p") { chrome.t("programme.import.warnings") }
                el("ul", ["class": "muted"]) { for w in m.warnings { el("li") { w.description } } }
            }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.programmeTemplate.path]) { chrome.t("programme.import.template") } }
            Forms.uploadForm(chrome, action: SiteURL.programmeImport.path) {
                Forms.file(chrome, FormState(), label: chrome.t("programme.import.file"),
                           accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                el("div", ["class": "field"]) {
                    el("label") { el("input", ["type": "checkbox", "name": "replace", "value": "on"]); " " + chrome.t("programme.import.replace") }
                }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("programme.import") }
            }
        }
    }

    static func message(_ chrome: PageChrome, _ outcome: Outcome) -> String {
        switch outcome {
        case .missingFile: return chrome.t("error.required")
        case .rejected(let count): return chrome.t("programme.import.rejected", "\(count)")
        case .exists: return chrome.t("error.programme.exists")
        case .wrongCounty: return chrome.t("error.programme.county")
        case .imported(let title): return chrome.t("programme.import.done", title)
        }
    }
}
