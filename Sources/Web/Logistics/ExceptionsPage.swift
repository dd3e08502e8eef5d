import Logistics
import LogisticsCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 异常件 — parcels sorting could not place, oldest first. A sorter picks the station and may
/// copy the part of the address that names the place: that text becomes an alias and the
/// next such address sorts itself.
enum ExceptionsPage {
    static let per = 20

    struct Model: Sendable {
        var viewer: LogisticsViewer
        var page: ListPage<Parcel>
        var pagination: Pagination
        var stations: [(UUID, String)]
        var form: FormState
        var failed: UUID?
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer, form: FormState = FormState(), failed: UUID? = nil) async throws -> Model {
        try viewer.requireHandle()
        let number = Pagination.page(req)
        let page = try await ParcelQueries.exceptions(county: viewer.county, page: number, per: per, on: req.db)
        let stations = try await LogisticsSetup.stations(county: viewer.county, on: req.db).compactMap { f in f.id.map { ($0, f.name) } }
        return Model(viewer: viewer, page: page, pagination: Pagination(page: number, per: per, total: page.total), stations: stations,
                     form: form, failed: failed)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.exceptions")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.exceptions).path)
            el("p", ["class": "muted"]) { chrome.t("logistics.exceptions.hint") }
            if m.page.items.isEmpty { el("p", ["class": "panel"]) { chrome.t("logistics.exceptions.none") } }
            for p in m.page.items { if let id = p.id { item(chrome, m, p, id) } }
            m.pagination.links(chrome, base: SiteURL.logistics(.exceptions).path, query: [])
        }
    }

    static func item(_ chrome: PageChrome, _ m: Model, _ p: Parcel, _ id: UUID) -> Node {
        let form = m.failed == id ? m.form : FormState()
        return el("form", ["method": "post", "action": SiteURL.logistics(.exceptionResolve(id)).path, "class": "panel", "id": "p-\(id.uuidString)"]) {
            Layout.csrfField(chrome.context)
            if m.failed == id { Forms.errorSummary(chrome, form) }
            el("p") {
                el("a", ["href": SiteURL.logistics(.parcel(id)).path]) { el("strong") { p.waybill } }
                " · " + p.carrierCode + " · " + Beijing.format(p.receivedAt)
            }
            el("p") { chrome.t("logistics.address") + "：" + p.address }
            el("div", ["class": "pair"]) {
                Forms.select(chrome, form, name: "station", label: chrome.t("logistics.stationName"),
                             options: [("", chrome.t("logistics.chooseStation"))] + m.stations.map { ($0.0.uuidString, $0.1) })
                Forms.field(chrome, form, name: "alias", label: chrome.t("logistics.alias"), hint: chrome.t("logistics.alias.hint"))
            }
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("logistics.resolve") }
        }
    }
}
