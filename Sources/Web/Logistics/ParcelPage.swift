import Fluent
import Logistics
import LogisticsCore
import Programme
import ServiceNetwork
import Vapor
import XiangcunKit

/// 包裹详情 — one parcel and its timeline of scans (time, place, actor) for staff. The
/// recipient is masked and the pick-up code never shown: it is the recipient's to quote.
enum ParcelPage {
    struct Model: Sendable {
        var viewer: LogisticsViewer
        var parcel: Parcel
        var timeline: [ScanEvent]
        var places: [UUID: String]
        var photo: EvidenceRecord?
    }

    /// The latest pick-up photo of a parcel, if the station took one.
    static func pickUpPhoto(of parcel: Parcel, on db: any Database) async throws -> EvidenceRecord? {
        guard let id = parcel.id else { return nil }
        return try await Evidence.list(owner: id, on: db).last { $0.ownerKind == Evidence.Kind.pickup.rawValue && $0.countyCode == parcel.countyCode }
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer) async throws -> Model {
        let parcel = try await req.visibleParcel(viewer)
        var places: [UUID: String] = [:]
        for f in try await Facility.query(on: req.db).filter(\.$countyCode == viewer.county.value).all() { if let id = f.id { places[id] = f.name } }
        return Model(viewer: viewer, parcel: parcel, timeline: try await ParcelQueries.timeline(of: parcel, on: req.db), places: places,
                     photo: try await pickUpPhoto(of: parcel, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let p = m.parcel
        return Layout.page(chrome, title: chrome.t("logistics.parcel") + " " + p.waybill) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.parcels).path)
            el("div", ["class": "panel"]) { el("dl", ["class": "facts"]) {
                fact(chrome, "logistics.carrier", p.carrierCode + (p.carrierMismatch ? " · " + chrome.t("logistics.mismatch") : ""))
                fact(chrome, "logistics.direction", chrome.t(p.parcelDirection.messageKey))
                fact(chrome, "common.status", chrome.t("logistics.scan.\(p.status)"))
                fact(chrome, "logistics.stationName", p.stationID.flatMap { m.places[$0] } ?? chrome.t("logistics.unsorted"))
                fact(chrome, "logistics.recipient", LogisticsViews.maskName(p.recipientName))
                fact(chrome, "logistics.phone", p.recipientPhone.isEmpty ? "—" : Identifiers.maskPhone(p.recipientPhone))
                fact(chrome, "logistics.address", p.address.isEmpty ? (p.villageCode ?? "") : p.address)
                fact(chrome, "logistics.weightKg", LogisticsViews.grams(p.weightGrams))
                fact(chrome, "logistics.cod", Money(fen: p.codFen).yuanText)
                if p.parcelDirection == .outbound {
                    fact(chrome, "logistics.producer", p.producer ?? "")
                    fact(chrome, "logistics.product", p.product ?? "")
                }
                fact(chrome, "logistics.pickupCode", p.pickupCode == nil ? "—" : chrome.t("logistics.pickupCode.issued"))
            } }
            el("h2") { chrome.t("logistics.timeline") }
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") { for key in ["logistics.time", "logistics.step", "logistics.place", "logistics.actor", "logistics.note"] { el("th") { chrome.t(key) } } } }
                el("tbody") { for e in m.timeline {
                    el("tr") {
                        el("td") { Beijing.format(e.at) }
                        el("td") { chrome.t("logistics.scan.\(e.kind)") }
                        el("td") { e.placeID.flatMap { m.places[$0] } ?? "—" }
                        el("td") { e.actor }
                        el("td") {
                            e.note
                            if e.kind == ScanKind.pickedUp.rawValue, let photo = m.photo, let id = p.id {
                                el("a", ["href": SiteURL.logistics(.parcelPhoto(id)).path, "class": "photo-link"]) {
                                    el("img", ["src": SiteURL.logistics(.parcelPhoto(id)).path, "alt": chrome.t("logistics.pickUpPhoto.view"),
                                               "width": "96", "loading": "lazy"])
                                    el("span") { chrome.t("logistics.pickUpPhoto.view") + " · " + photo.filename }
                                }
                            }
                        }
                    }
                } }
            } }
        }
    }

    static func fact(_ chrome: PageChrome, _ key: String, _ value: String) -> Node {
        el("div") { el("dt") { chrome.t(key) }; el("dd") { value } }
    }
}
