import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// 导入网络零售数据 — the workbook upload (administrators): months and shops, all or nothing,
/// the refused cells by sheet, row and column, and the box that confirms jumps.
enum RetailImportPage {
    enum Outcome: Sendable {
        case none, empty
        case saved(months: Int, shops: Int)
        case rejected([RetailWorkbook.RowError])
        case warnings([String: [RetailPlausibility.Warning]])
    }

    struct Model: Sendable {
        var outcome: Outcome
    }

    static func load(_ req: Request, outcome: Outcome = .none) throws -> Model {
        _ = try StatisticsViewer.of(req, edit: true)
        return Model(outcome: outcome)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.retail.import")) {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.retailImport).path, canEdit: true, province: false)
            outcome(chrome, m.outcome)
            Forms.uploadForm(chrome, action: SiteURL.statistics(.retailImport).path) {
                Forms.file(chrome, FormState(), label: chrome.t("stats.import.file"), accept: ".xlsx")
                el("p", ["class": "hint"]) {
                    chrome.t("stats.import.layout", RetailWorkbook.monthSheet, RetailWorkbook.monthHeader.joined(separator: "、"),
                             RetailWorkbook.shopSheet, RetailWorkbook.shopHeader.joined(separator: "、"))
                }
                if case .warnings = m.outcome { NetworkViews.checkbox("confirmed", label: chrome.t("stats.import.confirm"), checked: false) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("stats.retail.import") }
                " "
                el("a", ["href": SiteURL.statistics(.retailTemplate).path]) { chrome.t("stats.import.template") }
            }
        }
    }

    static func outcome(_ chrome: PageChrome, _ outcome: Outcome) -> Node {
        switch outcome {
        case .none: return .raw("")
        case .empty: return el("p", ["class": "error-summary", "role": "alert"]) { chrome.t("stats.import.empty") }
        case .saved(let months, let shops): return el("p", ["class": "flash", "role": "status"]) { chrome.t("stats.import.done", "\(months)", "\(shops)") }
        case .rejected(let errors):
            return el("div", ["class": "error-summary", "role": "alert"]) {
                el("p") { chrome.t("stats.import.rejected", "\(errors.count)") }
                el("ul") {
                    for e in errors.prefix(200) { el("li") { chrome.t("stats.import.cell", e.sheet, "\(e.row)", e.column) + "：" + chrome.t(e.message) } }
                }
            }
        case .warnings(let warnings):
            return el("div", ["class": "alert-warn", "role": "alert"]) {
                el("p") { chrome.t("stats.import.warnings", "\(warnings.count)") }
                el("ul") {
                    for (month, list) in warnings.sorted(by: { $0.key < $1.key }) {
                        for w in list { el("li") { month + "：" + text(chrome, w) } }
                    }
                }
            }
        }
    }

    static func text(_ chrome: PageChrome, _ w: RetailPlausibility.Warning) -> String {
        switch w {
        case .jumpFromPreviousMonth(let change, let month): return chrome.t("stats.warn.previous", month.text, Indicators.text(change, unit: .percent))
        case .jumpFromLastYear(let change, let month): return chrome.t("stats.warn.lastYear", month.text, Indicators.text(change, unit: .percent))
        }
    }
}
