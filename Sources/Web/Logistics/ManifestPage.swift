import Logistics
import NetworkCore
import Vapor
import XiangcunKit

/// 清单导入 — upload a carrier's manifest (CSV or Excel, UTF-8 or GB18030).
enum ManifestPage {
    struct Model: Sendable {
        var viewer: LogisticsViewer
        var report: ManifestReport?
        var error: String?
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer, report: ManifestReport? = nil, error: String? = nil) throws -> Model {
        try viewer.requireHandle()
        return Model(viewer: viewer, report: report, error: error)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.manifest")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.manifest).path)
            if let r = m.report {
                el("div", ["class": r.issues.isEmpty ? "flash" : "alert-warn", "role": "status"]) {
                    chrome.t("logistics.import.result", "\(r.created)", "\(r.duplicate)", "\(r.issues.count)")
                }
                if !r.issues.isEmpty {
                    el("ul", ["class": "error-summary"]) { for issue in r.issues.prefix(200) { el("li") { issue.text(chrome.context.language) } } }
                }
            }
            Forms.uploadForm(chrome, action: SiteURL.logistics(.manifest).path) {
                if let e = m.error { el("p", ["class": "error"]) { e } }
                el("p", ["class": "muted"]) { chrome.t("logistics.manifest.hint") }
                Forms.file(chrome, FormState(), label: chrome.t("logistics.manifest.file"), accept: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("logistics.manifest.upload") }
            }
        }
    }
}
