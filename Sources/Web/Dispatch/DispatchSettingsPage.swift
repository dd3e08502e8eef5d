import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// 调度参数 — how distances are reckoned (road factor on straight lines, average speed) and the
/// import of the county's own distance matrix.
enum DispatchSettingsPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var form: FormState
        var importedPairs: Int
        var issues: [String]
        var imported: Int?
    }

    static func load(_ req: Request, _ viewer: DispatchViewer, form: FormState? = nil, issues: [String] = [], imported: Int? = nil) async throws -> Model {
        let s = try await DispatchQueries.settings(county: viewer.county, on: req.db)
        let values = ["roadFactor": String(s?.roadFactor ?? DistanceTable.defaultRoadFactor), "speedKmh": String(s?.speedKmh ?? 40)]
        return Model(viewer: viewer, form: form ?? FormState(values: values),
                     importedPairs: try await DispatchQueries.importedDistanceCount(county: viewer.county, on: req.db), issues: issues, imported: imported)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.settings")) {
            DispatchViews.subnav(chrome, m.viewer, current: SiteURL.dispatch(.settings).path)
            el("form", ["method": "post", "action": SiteURL.dispatch(.settings).path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, m.form, fields: [("roadFactor", chrome.t("dispatch.field.roadFactor")), ("speedKmh", chrome.t("dispatch.field.speedKmh"))])
                Forms.field(chrome, m.form, name: "roadFactor", label: chrome.t("dispatch.field.roadFactor"), required: true, hint: chrome.t("dispatch.roadFactor.hint"))
                Forms.field(chrome, m.form, name: "speedKmh", label: chrome.t("dispatch.field.speedKmh"), required: true)
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
            el("h2") { chrome.t("dispatch.distances") }
            if let n = m.imported { el("p", ["class": "flash", "role": "status"]) { chrome.t("dispatch.import.done", "\(n)") } }
            if !m.issues.isEmpty {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("ul") { for i in m.issues { el("li") { i } } } }
            }
            el("p") { chrome.t("dispatch.distances.count", "\(m.importedPairs)") }
            Forms.uploadForm(chrome, action: SiteURL.dispatch(.distancesImport).path) {
                el("p", ["class": "hint"]) { chrome.t("dispatch.distances.columns", DispatchImports.distanceColumns.map(\.zh).joined(separator: "、")) }
                Forms.file(chrome, FormState(), label: chrome.t("dispatch.file"), accept: ".csv,.xlsx")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("dispatch.import") }
            }
        }
    }
}

/// 服务频次 — each village station's frequency (daily, every 2 days, 3 a week), a page at a time.
enum FrequenciesPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var villages: [DispatchPlace]
        var hubNames: [UUID: String]
        var pagination: Pagination
    }

    static let per = 50

    static func load(_ req: Request, _ viewer: DispatchViewer) async throws -> Model {
        let network = try await DispatchQueries.network(county: viewer.county, on: req.db)
        let all = network.villages.sorted { $0.name < $1.name }
        let page = min(Pagination.page(req), max(1, (all.count + per - 1) / per))
        let slice = Array(all.dropFirst((page - 1) * per).prefix(per))
        return Model(viewer: viewer, villages: slice, hubNames: Dictionary(network.hubs.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                     pagination: Pagination(page: page, per: per, total: all.count))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.frequencies")) {
            DispatchViews.subnav(chrome, m.viewer, current: SiteURL.dispatch(.frequencies).path)
            el("p") { chrome.t("dispatch.frequencies.hint") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for key in ["dispatch.stop", "dispatch.hub", "dispatch.frequency"] { el("th") { chrome.t(key) } } } }
                el("tbody") {
                    for v in m.villages {
                        el("tr") {
                            el("td") { v.name }
                            el("td") { v.hubID.flatMap { m.hubNames[$0] } ?? "—" }
                            el("td") {
                                el("form", ["method": "post", "action": SiteURL.dispatch(.frequency(v.id)).path, "class": "inline"]) {
                                    Layout.csrfField(chrome.context)
                                    el("select", ["name": "frequency", "aria-label": chrome.t("dispatch.frequency") + " " + v.name]) {
                                        for f in ServiceFrequency.allCases {
                                            el("option", ["value": f.rawValue, "selected": f == v.frequency ? "" : nil]) { chrome.t(f.messageKey) }
                                        }
                                    }
                                    " "
                                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
                                }
                            }
                        }
                    }
                }
            } }
            m.pagination.links(chrome, base: SiteURL.dispatch(.frequencies).path, query: [])
        }
    }
}
