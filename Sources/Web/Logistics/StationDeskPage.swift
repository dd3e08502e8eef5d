import Logistics
import LogisticsCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 站点工作台 — the station operator's phone page: hand a parcel over by its 取件码, take in
/// a farm-product parcel (揽收), and the parcels waiting at the station.
enum StationDeskPage {
    static let per = 20

    struct Model: Sendable {
        var viewer: LogisticsViewer
        var station: Facility
        var waiting: ListPage<Parcel>
        var pagination: Pagination
        var carriers: [(String, String)]
        var pickUpForm: FormState
        var collectForm: FormState
        var handedOver: Parcel?
        var collected: String?
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer, pickUp: FormState = FormState(), collect: FormState = FormState(values: ["carrier": "ems"]),
                     handedOver: Parcel? = nil, collected: String? = nil) async throws -> Model {
        guard viewer.isOperator else { throw Abort(.forbidden) }
        guard let id = viewer.ownStation, let station = try await NetworkQueries.facility(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        let number = Pagination.page(req)
        let waiting = try await ParcelQueries.waiting(station: id, page: number, per: per, on: req.db)
        let carriers = try await LogisticsSetup.carriers(county: viewer.county, on: req.db).map { ($0.code, $0.name) }
        return Model(viewer: viewer, station: station, waiting: waiting, pagination: Pagination(page: number, per: per, total: waiting.total),
                     carriers: carriers, pickUpForm: pickUp, collectForm: collect, handedOver: handedOver, collected: collected)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: m.station.name) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.station).path)
            if let p = m.handedOver {
                el("div", ["class": "scan-result ok", "role": "status", "data-scan": "ok"]) {
                    el("strong") { p.waybill }; el("span") { " " + chrome.t("logistics.handedOver", LogisticsViews.maskName(p.recipientName)) }
                }
            }
            if let w = m.collected {
                el("div", ["class": "scan-result ok", "role": "status", "data-scan": "ok"]) { el("strong") { w }; el("span") { " " + chrome.t("logistics.collectedOk") } }
            }
            Forms.uploadForm(chrome, action: SiteURL.logistics(.stationPickUp).path, class: "panel narrow") {
                el("h2") { chrome.t("logistics.pickUpByCode") }
                Forms.errorSummary(chrome, m.pickUpForm)
                NetworkViews.number(chrome, m.pickUpForm, name: "code", label: chrome.t("logistics.pickupCode"), required: true)
                Forms.field(chrome, m.pickUpForm, name: "note", label: chrome.t("logistics.pickUpNote"))
                // Optional proof of hand-over: the phone's camera opens straight away.
                Forms.file(chrome, m.pickUpForm, name: "photo", label: chrome.t("logistics.pickUpPhoto"), accept: "image/jpeg,image/png",
                           capture: "environment", required: false, hint: chrome.t("logistics.pickUpPhoto.hint"))
                el("button", ["type": "submit", "class": "btn block"]) { chrome.t("logistics.confirmPickUp") }
            }
            el("h2") { chrome.t("logistics.waiting") + " (\(m.waiting.total))" }
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") { for key in ["logistics.waybill", "logistics.recipient", "logistics.phone", "logistics.arrivedAt"] { el("th") { chrome.t(key) } } } }
                el("tbody") { for p in m.waiting.items {
                    el("tr") {
                        el("td") { p.waybill }
                        el("td") { LogisticsViews.maskName(p.recipientName) }
                        el("td") { Identifiers.maskPhone(p.recipientPhone) }
                        el("td") { Beijing.format(p.arrivedAt) }
                    }
                } }
            } }
            m.pagination.links(chrome, base: SiteURL.logistics(.station).path, query: [])
            collectForm(chrome, m)
            el("script", ["src": SiteURL.logistics(.script).path, "defer": ""])
        }
    }

    static func collectForm(_ chrome: PageChrome, _ m: Model) -> Node {
        el("form", ["method": "post", "action": SiteURL.logistics(.stationCollect).path, "class": "panel narrow"]) {
            Layout.csrfField(chrome.context)
            el("h2") { chrome.t("logistics.collect") }
            Forms.errorSummary(chrome, m.collectForm)
            Forms.field(chrome, m.collectForm, name: "waybill", label: chrome.t("logistics.waybill"), required: true)
            Forms.select(chrome, m.collectForm, name: "carrier", label: chrome.t("logistics.carrier"), options: m.carriers)
            Forms.field(chrome, m.collectForm, name: "producer", label: chrome.t("logistics.producer"), required: true)
            Forms.field(chrome, m.collectForm, name: "product", label: chrome.t("logistics.product"), required: true)
            NetworkViews.number(chrome, m.collectForm, name: "weightKg", label: chrome.t("logistics.weightKg"), decimal: true, required: true)
            el("button", ["type": "submit", "class": "btn block"]) { chrome.t("logistics.collect") }
        }
    }
}
