import Divisions
import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// 快递查询 — public tracking by waybill and the phone's last four digits. Shows the steps
/// and the station's name only: no names, phones, addresses or pick-up codes. Rate-limited.
enum TrackingPage {
    struct Model: Sendable {
        var county: DivisionCode
        var countyName: String
        var form: FormState
        var steps: [(String, Date)]?
        var station: String?
        var notFound: Bool
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: m.countyName + " · " + chrome.t("logistics.tracking")) {
            el("form", ["method": "get", "action": SiteURL.logistics(.tracking(m.county.short)).path, "class": "panel narrow"]) {
                Forms.errorSummary(chrome, m.form)
                Forms.field(chrome, m.form, name: "waybill", label: chrome.t("logistics.waybill"), required: true, autocomplete: "off")
                NetworkViews.number(chrome, m.form, name: "last4", label: chrome.t("logistics.last4"), required: true)
                el("button", ["type": "submit", "class": "btn block"]) { chrome.t("logistics.track") }
            }
            if m.notFound { el("p", ["class": "alert-warn"]) { chrome.t("logistics.tracking.notFound") } }
            if let steps = m.steps {
                if let s = m.station { el("p") { chrome.t("logistics.stationName") + "：" + s } }
                el("ol", ["class": "panel timeline"]) {
                    for (kind, at) in steps { el("li") { Beijing.format(at) + " · " + chrome.t("logistics.scan.\(kind)") } }
                }
            }
        }
    }
}
