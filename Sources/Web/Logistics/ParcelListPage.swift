import Fluent
import Logistics
import LogisticsCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 包裹 — parcels of one intake day (or one waybill), filtered, a page at a time. Recipients
/// are masked: no list shows a whole name or phone.
enum ParcelListPage {
    static let per = 50

    struct Model: Sendable {
        var viewer: LogisticsViewer
        var filter: FormState
        var page: ListPage<Parcel>
        var pagination: Pagination
        var stationNames: [UUID: String]
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer) async throws -> Model {
        guard viewer.readsCounty || viewer.isOperator else { throw Abort(.forbidden) }
        let day = req.query[String.self, at: "day"].flatMap { Day($0) } ?? .today()
        let status = req.query[String.self, at: "status"].flatMap(ScanKind.init(rawValue:))
        let direction = req.query[String.self, at: "direction"].flatMap(Direction.init(rawValue:))
        let waybill = req.query[String.self, at: "waybill"] ?? ""
        var filter = ParcelFilter(day: day, status: status, direction: direction, waybill: waybill.isEmpty ? nil : waybill)
        if viewer.isOperator {
            guard let own = viewer.ownStation else { throw Abort(.forbidden) }
            filter.station = own
        }
        let number = Pagination.page(req)
        let page = try await ParcelQueries.list(county: viewer.county, filter: filter, page: number, per: per, on: req.db)
        return Model(viewer: viewer,
                     filter: FormState(values: ["day": day.iso, "status": status?.rawValue ?? "", "direction": direction?.rawValue ?? "", "waybill": waybill]),
                     page: page, pagination: Pagination(page: number, per: per, total: page.total),
                     stationNames: try await stationNames(viewer.county, req.db))
    }

    static func stationNames(_ county: DivisionCode, _ db: any Database) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for f in try await LogisticsSetup.stations(county: county, on: db) { if let id = f.id { names[id] = f.name } }
        return names
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.parcels")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.parcels).path)
            el("form", ["method": "get", "action": SiteURL.logistics(.parcels).path, "class": "filters"]) {
                Forms.field(chrome, m.filter, name: "day", label: chrome.t("logistics.intakeDay"), type: "date")
                Forms.field(chrome, m.filter, name: "waybill", label: chrome.t("logistics.waybill"))
                Forms.select(chrome, m.filter, name: "status", label: chrome.t("common.status"),
                             options: [("", chrome.t("common.all"))] + ScanKind.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                Forms.select(chrome, m.filter, name: "direction", label: chrome.t("logistics.direction"),
                             options: [("", chrome.t("common.all"))] + Direction.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.filter") }
            }
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") {
                    for key in ["logistics.waybill", "logistics.carrier", "logistics.direction", "common.status", "logistics.stationName",
                                "logistics.recipient", "logistics.weightKg", "logistics.receivedAt"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") { for p in m.page.items { row(chrome, p, m.stationNames) } }
            } }
            m.pagination.links(chrome, base: SiteURL.logistics(.parcels).path,
                               query: ["day", "waybill", "status", "direction"].map { ($0, m.filter[$0]) })
        }
    }

    static func row(_ chrome: PageChrome, _ p: Parcel, _ stations: [UUID: String]) -> Node {
        el("tr") {
            el("td") { if let id = p.id { el("a", ["href": SiteURL.logistics(.parcel(id)).path]) { p.waybill } } }
            el("td") { p.carrierCode + (p.carrierMismatch ? " ⚠" : "") }
            el("td") { chrome.t(p.parcelDirection.messageKey) }
            el("td") { LogisticsViews.statusTag(chrome, p.status) }
            el("td") { p.stationID.flatMap { stations[$0] } ?? (p.exception ? chrome.t("logistics.unsorted") : "—") }
            el("td") { p.parcelDirection == .outbound ? (p.producer ?? "") : LogisticsViews.maskName(p.recipientName) }
            el("td", ["class": "num"]) { LogisticsViews.grams(p.weightGrams) }
            el("td") { Beijing.format(p.receivedAt) }
        }
    }
}
