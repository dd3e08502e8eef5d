import Accounts
import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// 车辆 — the county's fleet (capacity, costs, shift, home depot, driver) and the form that adds one.
enum VehiclesPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var vehicles: [VehicleRecord]
        var depots: [DispatchPlace]
        var drivers: [User]
        var form: FormState
    }

    static let fields = ["name", "capacityParcels", "capacityKg", "fixedCost", "costPerKm", "shiftStart", "shiftEnd", "depotID", "driverID"]

    static func load(_ req: Request, _ viewer: DispatchViewer, form: FormState = FormState(values: ["shiftStart": "08:00", "shiftEnd": "17:00"])) async throws -> Model {
        let network = try await DispatchQueries.network(county: viewer.county, on: req.db)
        let drivers = try await DispatchQueries.drivers(county: viewer.county, on: req.db)
        return Model(viewer: viewer, vehicles: try await DispatchQueries.vehicles(county: viewer.county, on: req.db),
                     depots: [network.centre].compactMap { $0 } + network.hubs.sorted { $0.name < $1.name }, drivers: drivers, form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let depotName = Dictionary(m.depots.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let driverName = Dictionary(m.drivers.compactMap { u in u.id.map { ($0, u.displayName) } }, uniquingKeysWith: { a, _ in a })
        return Layout.page(chrome, title: chrome.t("dispatch.vehicles")) {
            DispatchViews.subnav(chrome, m.viewer, current: SiteURL.dispatch(.vehicles).path)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["dispatch.vehicle", "dispatch.depot", "dispatch.capacity", "dispatch.fixedCost", "dispatch.costPerKm", "dispatch.shift", "dispatch.driver"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") {
                    for v in m.vehicles {
                        el("tr") {
                            el("td") { v.name }
                            el("td") { depotName[v.depotID] ?? "—" }
                            el("td", ["class": "num"]) { chrome.t("dispatch.capacity.value", "\(v.capacityParcels)", "\(v.capacityKg)") }
                            el("td", ["class": "num"]) { "¥" + Money(fen: v.fixedCostFen).yuanText }
                            el("td", ["class": "num"]) { "¥" + Money(fen: v.costPerKmFen).yuanText }
                            el("td") { DispatchViews.clock(v.shiftStart * 60) + "–" + DispatchViews.clock(v.shiftEnd * 60) }
                            el("td") { v.driverID.flatMap { driverName[$0] } ?? "—" }
                        }
                    }
                }
            } }
            el("h2") { chrome.t("dispatch.vehicle.new") }
            el("form", ["method": "post", "action": SiteURL.dispatch(.vehicles).path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, m.form, fields: fields.map { ($0, chrome.t("dispatch.field.\($0)")) })
                for name in ["name", "capacityParcels", "capacityKg", "fixedCost", "costPerKm"] {
                    Forms.field(chrome, m.form, name: name, label: chrome.t("dispatch.field.\(name)"), required: true)
                }
                Forms.field(chrome, m.form, name: "shiftStart", label: chrome.t("dispatch.field.shiftStart"), type: "time", required: true)
                Forms.field(chrome, m.form, name: "shiftEnd", label: chrome.t("dispatch.field.shiftEnd"), type: "time", required: true)
                Forms.select(chrome, m.form, name: "depotID", label: chrome.t("dispatch.field.depotID"), options: m.depots.map { ($0.id.uuidString, $0.name) })
                Forms.select(chrome, m.form, name: "driverID", label: chrome.t("dispatch.field.driverID"),
                             options: [("", chrome.t("dispatch.driver.none"))] + m.drivers.compactMap { u in u.id.map { ($0.uuidString, u.displayName) } })
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
        }
    }
}
