import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// 调度计划 — one day's plan: its cost next to the fixed routes, the map of the routes, every
/// vehicle's route; and (`manifestsView`) the printable manifests, one vehicle per sheet.
enum PlanPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var stored: StoredPlan
        var vehicles: [UUID: VehicleRecord]
        var places: [UUID: DispatchPlace]
    }

    static func load(_ req: Request, _ viewer: DispatchViewer) async throws -> Model {
        let stored = try await req.visiblePlan(viewer)
        let vehicles = try await DispatchQueries.vehicles(county: viewer.county, on: req.db)
        return Model(viewer: viewer, stored: stored, vehicles: Dictionary(vehicles.compactMap { v in v.id.map { ($0, v) } }, uniquingKeysWith: { a, _ in a }),
                     places: try await DispatchQueries.network(county: viewer.county, on: req.db).places)
    }

    static func vehicleName(_ m: Model, _ id: UUID) -> String { m.vehicles[id]?.name ?? "—" }
    static func placeName(_ m: Model, _ id: UUID) -> String { m.places[id]?.name ?? "—" }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let plan = m.stored.plan
        let id = m.stored.record.id ?? UUID()
        return Layout.page(chrome, title: chrome.t("dispatch.plan.of", plan.day.chinese)) {
            DispatchViews.subnav(chrome, m.viewer, current: "")
            DispatchViews.comparison(chrome, m.stored.comparison, vehicles: m.stored.record.vehicles)
            el("p") {
                el("a", ["class": "btn", "href": SiteURL.dispatch(.manifests(id)).path]) { chrome.t("dispatch.manifests.print") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.dispatch(.manifestsCSV(id)).path]) { chrome.t("dispatch.manifests.csv") }
            }
            el("p", ["class": "hint"]) { chrome.t("dispatch.plan.meta", m.stored.record.plannedBy, Beijing.format(m.stored.record.plannedAt)) }
            if !plan.unserved.isEmpty {
                el("p", ["class": "error"]) { chrome.t("dispatch.unserved", plan.unserved.map { placeName(m, $0) }.joined(separator: "、")) }
            }
            el("div", ["class": "panel chart map"]) { Node.raw(svg(chrome, m)) }
            el("h2") { chrome.t("dispatch.routes") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["dispatch.vehicle", "dispatch.tier", "dispatch.departure", "dispatch.return", "dispatch.trips", "dispatch.stops",
                                "dispatch.load", "dispatch.plan.distance", "dispatch.plan.cost"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") { for route in plan.routes { routeRow(chrome, m, route) } }
            } }
        }
    }

    static func routeRow(_ chrome: PageChrome, _ m: Model, _ r: DispatchPlan.Route) -> Node {
        el("tr") {
            el("td") { vehicleName(m, r.vehicleID) }
            el("td") { chrome.t("dispatch.tier.\(r.tier)") }
            el("td") { DispatchViews.clock(r.departure) }
            el("td") { DispatchViews.clock(r.returnTime) }
            el("td", ["class": "num"]) { "\(r.trips)" }
            el("td") { r.stops.map { placeName(m, $0.placeID) }.joined(separator: " → ") }
            el("td", ["class": "num"]) { "\(r.loadParcels)" }
            el("td", ["class": "num"]) { DispatchViews.km(r.metres) }
            el("td", ["class": "num"]) { "¥" + r.cost.yuanText }
        }
    }

    static func svg(_ chrome: PageChrome, _ m: Model) -> String {
        let names = m.vehicles.mapValues(\.name)
        let labels = RouteMap.Labels(title: chrome.t("dispatch.map.title", m.stored.plan.day.iso), empty: chrome.t("dispatch.map.empty"),
                                     vehicleName: { names[$0] ?? "—" })
        return RouteMap.svg(m.stored.plan, places: m.places, depotOf: m.vehicles.mapValues(\.depotID), labels: labels)
    }

    /// The printable manifests (装卸清单): one table per vehicle, each on its own sheet.
    static func manifestsView(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.manifests.title", m.stored.plan.day.chinese)) {
            DispatchViews.stylesheet
            for route in m.stored.plan.routes { manifest(chrome, m, route) }
        }
    }

    static func manifest(_ chrome: PageChrome, _ m: Model, _ r: DispatchPlan.Route) -> Node {
        el("section", ["class": "manifest"]) {
            el("h2") { vehicleName(m, r.vehicleID) + " · " + chrome.t("dispatch.tier.\(r.tier)") + " · " + m.stored.plan.day.iso }
            el("p") {
                chrome.t("dispatch.manifest.head", m.vehicles[r.vehicleID].map { placeName(m, $0.depotID) } ?? "—", DispatchViews.clock(r.departure),
                         DispatchViews.clock(r.returnTime), "\(r.loadParcels)", DispatchViews.km(r.metres))
            }
            el("table") {
                el("thead") { el("tr") {
                    for key in ["dispatch.order", "dispatch.trip", "dispatch.stop", "dispatch.arrival", "dispatch.unload", "dispatch.loadUp", "dispatch.sign"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") {
                    for (i, s) in r.stops.enumerated() {
                        el("tr") {
                            el("td", ["class": "num"]) { "\(i + 1)" }
                            el("td", ["class": "num"]) { "\(s.trip + 1)" }
                            el("td") { placeName(m, s.placeID) }
                            el("td") { DispatchViews.clock(s.arrival) }
                            el("td", ["class": "num"]) { chrome.t("dispatch.parcelsKg", "\(s.deliverParcels)", DispatchImports.kg(s.deliverGrams)) }
                            el("td", ["class": "num"]) { chrome.t("dispatch.parcelsKg", "\(s.collectParcels)", DispatchImports.kg(s.collectGrams)) }
                            el("td", ["class": "sign"]) { "" }
                        }
                    }
                }
            }
        }
    }
}
