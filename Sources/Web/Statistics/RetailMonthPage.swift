import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// 填报网络零售额 — one month's county figures in 万元, with the jumps to confirm.
enum RetailMonthPage {
    struct Model: Sendable {
        var month: Month
        var exists: Bool
        var form: FormState
        var warnings: [RetailPlausibility.Warning]
    }

    /// The form of `?month=` (default last month) filled with its figures, or the form as posted.
    static func load(_ req: Request, posted: FormState? = nil, warnings: [RetailPlausibility.Warning] = []) async throws -> Model {
        let viewer = try StatisticsViewer.of(req, edit: true)
        let month = Month(posted?["month"] ?? req.query[String.self, at: "month"] ?? "") ?? Day.today().monthKey.previous
        let existing = try await RetailQueries.month(county: viewer.county.value, month: month, on: req.db)
        var form = posted ?? FormState(values: ["month": month.text])
        if posted == nil, let e = existing {
            form.values.merge(["total": Money(fen: e.totalFen).wanYuanText, "physical": Money(fen: e.physicalFen).wanYuanText,
                               "farm": Money(fen: e.farmFen).wanYuanText, "note": e.note]) { $1 }
        }
        return Model(month: month, exists: existing != nil, form: form, warnings: warnings)
    }

    /// The posted form and, when every field parses, the figures.
    static func posted(_ req: Request) -> (form: FormState, month: Month?, figures: RetailFigures?) {
        var form = FormState()
        for name in ["month", "total", "physical", "farm", "note"] { form.values[name] = ((try? req.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces) }
        let month = Month(form["month"])
        if month == nil { form.errors["month"] = "stats.error.month" }
        var amounts: [String: Money] = [:]
        for name in ["total", "physical", "farm"] {
            if let m = try? Money(wanYuan: form[name]), m.fen >= 0 { amounts[name] = m } else { form.errors[name] = "error.money.wan" }
        }
        var failure = ValidationFailure()
        form.values["note"] = FieldRules.name(form["note"], field: "note", limit: 200, required: false, into: &failure) ?? ""
        form.errors.merge(failure.fields) { a, _ in a }
        guard let t = amounts["total"], let p = amounts["physical"], let f = amounts["farm"] else { return (form, month, nil) }
        return (form, month, RetailFigures(total: t, physical: p, farm: f))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.retail.enter") + "（" + m.month.text + "）") {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.retail).path, canEdit: true, province: false)
            Forms.errorSummary(chrome, m.form, fields: [("month", chrome.t("stats.month")), ("total", chrome.t("stats.retail.total")),
                                                        ("physical", chrome.t("stats.retail.physical")), ("farm", chrome.t("stats.retail.farm"))])
            if !m.warnings.isEmpty { warnings(chrome, m) }
            el("form", ["method": "post", "action": SiteURL.statistics(.retailMonth).path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.field(chrome, m.form, name: "month", label: chrome.t("stats.month"), type: "month", required: true)
                Forms.field(chrome, m.form, name: "total", label: chrome.t("stats.retail.total") + "（万元）", required: true, hint: chrome.t("stats.retail.total.hint"))
                Forms.field(chrome, m.form, name: "physical", label: chrome.t("stats.retail.physical") + "（万元）", required: true)
                Forms.field(chrome, m.form, name: "farm", label: chrome.t("stats.retail.farm") + "（万元）", required: true)
                Forms.field(chrome, m.form, name: "note", label: chrome.t("stats.note"))
                if !m.warnings.isEmpty { el("input", ["type": "hidden", "name": "confirmed", "value": "1"]) }
                el("button", ["type": "submit", "class": "btn"]) { m.warnings.isEmpty ? chrome.t("common.save") : chrome.t("stats.confirmSave") }
            }
            if m.exists {
                el("form", ["method": "post", "action": SiteURL.statistics(.retailMonthDelete).path, "class": "inline"]) {
                    Layout.csrfField(chrome.context)
                    el("input", ["type": "hidden", "name": "month", "value": m.month.text])
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("stats.retail.delete") }
                }
            }
        }
    }

    static func warnings(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div", ["class": "panel warn", "role": "alert"]) {
            el("p") { el("strong") { chrome.t("stats.warn.title") } }
            el("ul") {
                for w in m.warnings {
                    switch w {
                    case .jumpFromPreviousMonth(let change, let month):
                        el("li") { chrome.t("stats.warn.previous", month.text, Indicators.text(change, unit: .percent)) }
                    case .jumpFromLastYear(let change, let month):
                        el("li") { chrome.t("stats.warn.lastYear", month.text, Indicators.text(change, unit: .percent)) }
                    }
                }
            }
        }
    }
}
