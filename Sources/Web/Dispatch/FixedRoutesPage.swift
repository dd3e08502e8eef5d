import CountyDispatch
import DispatchCore
import NetworkCore
import Vapor
import XiangcunKit

/// 现行固定线路 — the routes the county drives today with their daily length and cost (what a
/// plan is compared with), and the import of a new list (CSV / XLSX, all or nothing).
enum FixedRoutesPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var routes: [FixedRouteRecord]
        var costings: [FixedRouteCosting]
        var vehicles: [UUID: String]
        var places: [UUID: DispatchPlace]
        var issues: [String]
        var imported: Int?
    }

    static func load(_ req: Request, _ viewer: DispatchViewer, issues: [String] = [], imported: Int? = nil) async throws -> Model {
        let routes = try await DispatchQueries.fixedRoutes(county: viewer.county, on: req.db)
        let vehicles = try await DispatchQueries.vehicles(county: viewer.county, on: req.db)
        let network = try await DispatchQueries.network(county: viewer.county, on: req.db)
        let distances = try await DispatchQueries.distances(county: viewer.county, on: req.db)
        var issues = issues
        var costings: [FixedRouteCosting] = []
        do { costings = try FixedRoute.costings(routes.map(\.value), vehicles: vehicles.compactMap(\.value), places: network.places, distances: distances) }
        catch { issues.append(Catalogue.text(error.messageKey, req.context.language, [error.argument])) }
        return Model(viewer: viewer, routes: routes, costings: costings,
                     vehicles: Dictionary(vehicles.compactMap { v in v.id.map { ($0, v.name) } }, uniquingKeysWith: { a, _ in a }),
                     places: network.places, issues: issues, imported: imported)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.fixedRoutes")) {
            DispatchViews.subnav(chrome, m.viewer, current: SiteURL.dispatch(.fixedRoutes).path)
            if let n = m.imported { el("p", ["class": "flash", "role": "status"]) { chrome.t("dispatch.import.done", "\(n)") } }
            if !m.issues.isEmpty {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("ul") { for i in m.issues { el("li") { i } } } }
            }
            el("p") { chrome.t("dispatch.fixed.hint") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["dispatch.route", "dispatch.vehicle", "dispatch.stops", "dispatch.plan.distance", "dispatch.fixed.cost"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") {
                    for (i, r) in m.routes.enumerated() {
                        el("tr") {
                            el("td") { r.name }
                            el("td") { m.vehicles[r.vehicleID] ?? "—" }
                            el("td") { r.stopIDs.map { m.places[$0]?.name ?? "—" }.joined(separator: " → ") }
                            el("td", ["class": "num"]) { m.costings.indices.contains(i) ? DispatchViews.km(m.costings[i].metres) : "—" }
                            el("td", ["class": "num"]) { m.costings.indices.contains(i) ? "¥" + m.costings[i].cost.yuanText : "—" }
                        }
                    }
                }
            } }
            if m.viewer.canPlan {
                el("h2") { chrome.t("dispatch.fixed.import") }
                Forms.uploadForm(chrome, action: SiteURL.dispatch(.fixedRoutesImport).path) {
                    el("p", ["class": "hint"]) { chrome.t("dispatch.fixed.columns", DispatchImports.routeColumns.map(\.zh).joined(separator: "、")) }
                    Forms.file(chrome, FormState(), label: chrome.t("dispatch.file"), accept: ".csv,.xlsx")
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("dispatch.import") }
                }
            }
        }
    }
}
