import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 服务项目目录 — the default services and the county's own, and (administrators) the form
/// that adds one. Not for station operators.
enum ServicesPage {
    struct Model: Sendable {
        var viewer: NetworkViewer
        var catalogue: [(code: String, zh: String, en: String, custom: Bool)]
        var form: FormState
    }

    static func load(_ req: Request, _ viewer: NetworkViewer, form: FormState = FormState()) async throws -> Model {
        try viewer.requireCountyWide()
        return Model(viewer: viewer, catalogue: try await NetworkQueries.catalogue(county: viewer.county, on: req.db), form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let lang = chrome.context.language
        return Layout.page(chrome, title: chrome.t("network.services")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.networkServices.path)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { el("th") { chrome.t("common.code") }; el("th") { chrome.t("common.name") }; el("th") { chrome.t("divisions.kind") } } }
                el("tbody") { for s in m.catalogue { el("tr") {
                    el("td") { s.code }
                    el("td") { lang == .zh ? s.zh : s.en }
                    el("td") { chrome.t(s.custom ? "network.service.custom" : "network.service.default") }
                } } }
            } }
            if m.viewer.canManage {
                el("form", ["method": "post", "action": SiteURL.networkServices.path, "class": "panel filters"]) {
                    Layout.csrfField(chrome.context)
                    Forms.field(chrome, m.form, name: "name", label: chrome.t("network.service.add"), required: true)
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.create") }
                }
            }
        }
    }
}
