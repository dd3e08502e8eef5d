import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// 扫描 — the phone page for keyboard-wedge scanners: choose the step once, then scan, Enter,
/// next. The result shows at the top in colour (and a beep, from the page's script).
enum ScanPage {
    struct Model: Sendable {
        var viewer: LogisticsViewer
        var form: FormState
        var last: Outcome?
    }

    struct Outcome: Sendable {
        var waybill: String
        var ok: Bool
        var message: String
        var pickupCode: String?
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer, form: FormState? = nil, last: Outcome? = nil) throws -> Model {
        guard !viewer.scanKinds.isEmpty else { throw Abort(.forbidden) }
        let kind = req.query[String.self, at: "kind"].flatMap { viewer.scanKinds.contains($0) ? $0 : nil } ?? viewer.scanKinds[0]
        return Model(viewer: viewer, form: form ?? FormState(values: ["kind": kind]), last: last)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.scan")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.scan).path)
            if let last = m.last {
                el("div", ["class": last.ok ? "scan-result ok" : "scan-result bad", "role": "status", "data-scan": last.ok ? "ok" : "error"]) {
                    el("strong") { last.waybill }
                    el("span") { " " + last.message }
                    if let code = last.pickupCode { el("p", ["class": "pickup-code"]) { chrome.t("logistics.pickupCode") + " " + code } }
                }
            }
            el("form", ["method": "post", "action": SiteURL.logistics(.scan).path, "class": "panel narrow scan-form"]) {
                Layout.csrfField(chrome.context)
                Forms.select(chrome, m.form, name: "kind", label: chrome.t("logistics.step"),
                             options: m.viewer.scanKinds.map { ($0, chrome.t("logistics.scan.\($0)")) })
                el("div", ["class": m.form.errors["waybill"] == nil ? "field" : "field invalid"]) {
                    el("label", ["for": "f-waybill"]) { chrome.t("logistics.waybill") }
                    el("input", ["id": "f-waybill", "name": "waybill", "type": "text", "autocomplete": "off", "autocapitalize": "characters",
                                 "spellcheck": "false", "autofocus": "", "required": "", "class": "scan-input", "enterkeyhint": "go"])
                }
                Forms.field(chrome, m.form, name: "note", label: chrome.t("logistics.note"), hint: chrome.t("logistics.note.hint"))
                el("button", ["type": "submit", "class": "btn block"]) { chrome.t("logistics.record") }
            }
            el("script", ["src": SiteURL.logistics(.script).path, "defer": ""])
        }
    }
}
