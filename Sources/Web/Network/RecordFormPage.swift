import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 填报月度数据 — a station's figures for one month, on a phone: numeric keypad fields, the
/// month chooser, and the plausibility warnings to confirm. Correcting a month shows when it
/// was first submitted.
enum RecordFormPage {
    struct Model: Sendable {
        var facility: Facility
        var id: UUID
        var month: Month
        /// The months the chooser offers: this month and the twelve before (and the one shown).
        var months: [Month]
        /// The month's record when it exists (a correction keeps its first submission time).
        var existing: OperatingRecord?
        var form: FormState
        var warnings: [Plausibility.Warning]
    }

    /// The form for the month asked for (`?month=`, default last month), filled with its figures;
    /// or the form as posted, with its errors or warnings.
    static func load(_ req: Request, _ viewer: NetworkViewer, _ f: Facility, posted: FormState? = nil,
                     warnings: [Plausibility.Warning] = []) async throws -> Model {
        try viewer.requireOperate(f)
        let id = try f.requireID()
        let thisMonth = Day.today().monthKey
        let month: Month
        if let posted { month = Month(posted["month"]) ?? thisMonth.previous }
        else { month = req.query[String.self, at: "month"].flatMap(Month.init) ?? thisMonth.previous }
        let existing = try await NetworkQueries.record(of: id, month: month, on: req.db)
        var form = posted ?? FormState(values: ["month": month.text])
        if posted == nil, let values = existing?.values { form.values.merge(texts(values)) { $1 } }
        var months: [Month] = []
        var m = thisMonth
        for _ in 0..<13 { months.append(m); m = m.previous }
        if !months.contains(month) { months.append(month) }
        return Model(facility: f, id: id, month: month, months: months, existing: existing, form: form, warnings: warnings)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("network.record.new")) {
            el("p") { el("a", ["href": SiteURL.networkFacility(m.id).path]) { m.facility.name } }
            // Choosing another month reloads the form with that month's figures.
            el("form", ["method": "get", "action": SiteURL.networkRecordNew(m.id).path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["month": m.month.text]), name: "month", label: chrome.t("network.record.month"),
                             options: m.months.map { ($0.text, $0.text) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("network.record.switch") }
            }
            el("form", ["method": "post", "action": SiteURL.networkRecordNew(m.id).path, "class": "panel narrow"]) {
                Layout.csrfField(chrome.context)
                el("input", ["type": "hidden", "name": "month", "value": m.month.text])
                Forms.errorSummary(chrome, m.form)
                if let e = m.form.errors["month"] { el("p", ["class": "error"]) { chrome.t(e) } }
                if !m.warnings.isEmpty { warnings(chrome, m.warnings) }
                el("p", ["class": m.existing == nil ? "hint" : "notice"]) {
                    if let existing = m.existing { chrome.t("network.record.correcting", m.month.text, Beijing.format(existing.submittedAt)) + " " }
                    chrome.t("network.record.deadline", "\(ReportingRules.deadlineDay)")
                }
                for metric in RecordMetric.allCases {
                    NetworkViews.number(chrome, m.form, name: metric.rawValue, label: chrome.t(metric.messageKey), decimal: metric.isMoney)
                }
                el("button", ["type": "submit", "class": "btn block"]) { chrome.t("network.record.save", m.month.text) }
            }
        }
    }

    /// Figures that look implausible, and the box that confirms them.
    static func warnings(_ chrome: PageChrome, _ warnings: [Plausibility.Warning]) -> Node {
        el("div", ["class": "alert-warn", "role": "alert"]) {
            el("strong") { chrome.t("network.plausibility.title") }
            el("ul") {
                for w in warnings {
                    el("li") {
                        chrome.t(w.metric.messageKey) + "："
                            + chrome.t("network.plausibility.warning", text(w.metric, w.value), text(w.metric, w.median))
                    }
                }
            }
            NetworkViews.checkbox("confirmed", label: chrome.t("network.plausibility.confirm"), checked: false)
        }
    }

    /// A figure as typed: yuan for amounts, a whole number otherwise.
    static func text(_ metric: RecordMetric, _ value: Int64) -> String { metric.isMoney ? Money(fen: value).yuanText : "\(value)" }

    static func texts(_ values: RecordValues) -> [String: String] {
        var out: [String: String] = [:]
        for (metric, value) in values.metrics { out[metric.rawValue] = text(metric, value) }
        return out
    }

    /// The posted form: its texts (trimmed), the figures that parse, and an error for each that does not.
    static func posted(_ req: Request) -> (form: FormState, values: RecordValues) {
        var form = FormState()
        for key in ["month"] + RecordMetric.allCases.map(\.rawValue) {
            form.values[key] = ((try? req.content.get(String.self, at: key)) ?? "").trimmingCharacters(in: .whitespaces)
        }
        var values = RecordValues()
        for metric in RecordMetric.allCases {
            let text = form[metric.rawValue].replacingOccurrences(of: ",", with: "")
            if text.isEmpty { continue }
            if metric.isMoney {
                guard let money = try? Money(yuan: text) else { form.errors[metric.rawValue] = "network.import.amount"; continue }
                values.set(metric, money.fen)
            } else {
                guard let n = Int64(text) else { form.errors[metric.rawValue] = "network.import.count"; continue }
                values.set(metric, n)
            }
        }
        return (form, values)
    }
}
