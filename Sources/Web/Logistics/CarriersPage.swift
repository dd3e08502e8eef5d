import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// 快递公司 — the county's carriers and their waybill patterns (a pattern suggests a carrier
/// and flags a mismatch; it never reassigns one), and the settings statistics use.
enum CarriersPage {
    struct Model: Sendable {
        var viewer: LogisticsViewer
        var carriers: [Carrier]
        var settings: LogisticsSettings
        var form: FormState
        var failed: UUID?
        var settingsForm: FormState
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer, form: FormState = FormState(), failed: UUID? = nil,
                     settingsForm: FormState? = nil) async throws -> Model {
        try viewer.requireCountyWide()
        let settings = try await LogisticsSetup.settings(county: viewer.county, on: req.db)
        let values = ["saving": Money(fen: settings.savingFen).yuanText, "dailyCost": Money(fen: settings.dailyCostFen).yuanText]
        return Model(viewer: viewer, carriers: try await LogisticsSetup.carriers(county: viewer.county, on: req.db), settings: settings,
                     form: form, failed: failed, settingsForm: settingsForm ?? FormState(values: values))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.carriers")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.carriers).path)
            el("p", ["class": "muted"]) { chrome.t("logistics.carriers.hint") }
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") { for key in ["logistics.carrierCode", "common.name", "logistics.pattern", "common.actions"] { el("th") { chrome.t(key) } } } }
                el("tbody") { for c in m.carriers { row(chrome, m, c) } }
            } }
            if m.viewer.manages {
                el("form", ["method": "post", "action": SiteURL.logistics(.carriers).path, "class": "panel narrow"]) {
                    Layout.csrfField(chrome.context)
                    el("h2") { chrome.t("logistics.carrier.new") }
                    if m.failed == nil { Forms.errorSummary(chrome, m.form) }
                    let form = m.failed == nil ? m.form : FormState()
                    Forms.field(chrome, form, name: "code", label: chrome.t("logistics.carrierCode"), required: true)
                    Forms.field(chrome, form, name: "name", label: chrome.t("common.name"), required: true)
                    Forms.field(chrome, form, name: "pattern", label: chrome.t("logistics.pattern"))
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.create") }
                }
            }
            el("h2") { chrome.t("logistics.settings") }
            el("form", ["method": "post", "action": SiteURL.logistics(.settings).path, "class": "panel narrow"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, m.settingsForm)
                NetworkViews.number(chrome, m.settingsForm, name: "saving", label: chrome.t("logistics.savingPerParcel"), decimal: true)
                NetworkViews.number(chrome, m.settingsForm, name: "dailyCost", label: chrome.t("logistics.dailyCost"), decimal: true)
                if m.viewer.manages { el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") } }
            }
        }
    }

    static func row(_ chrome: PageChrome, _ m: Model, _ c: Carrier) -> Node {
        let id = c.id ?? UUID()
        let form = m.failed == id ? m.form : FormState(values: ["name": c.name, "pattern": c.pattern])
        return el("tr") {
            el("td") { c.code }
            if m.viewer.manages {
                el("td", ["colspan": "3"]) {
                    el("form", ["method": "post", "action": SiteURL.logistics(.carrier(id)).path, "class": "pair"]) {
                        Layout.csrfField(chrome.context)
                        Forms.field(chrome, form, name: "name", label: chrome.t("common.name"))
                        Forms.field(chrome, form, name: "pattern", label: chrome.t("logistics.pattern"))
                        el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
                    }
                }
            } else {
                el("td") { c.name }
                el("td") { el("code") { c.pattern } }
                el("td") { "" }
            }
        }
    }
}
