import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 站点地图 — every facility with coordinates on an SVG map (no tiles), and the ones without
/// coordinates listed by township.
enum NetworkMapPage {
    struct Model: Sendable {
        var viewer: NetworkViewer
        var facilities: [Facility]
        var names: [String: String]
    }

    static func load(_ req: Request, _ viewer: NetworkViewer) async throws -> Model {
        try viewer.requireCountyWide()
        return Model(viewer: viewer, facilities: try await NetworkQueries.facilities(county: viewer.county, on: req.db),
                     names: try await NetworkQueries.divisionNames(county: viewer.county, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let missing = Dictionary(grouping: m.facilities.filter { $0.latitude == nil || $0.longitude == nil }) {
            DivisionCode.townshipOf($0.divisionCode) ?? $0.divisionCode
        }
        return Layout.page(chrome, title: chrome.t("network.map")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.networkMap.path)
            el("div", ["class": "panel chart map"]) { Node.raw(svg(chrome, m)) }
            el("p", ["class": "muted small"]) { chrome.t("network.map.legend") }
            if !missing.isEmpty {
                el("h2") { chrome.t("network.map.noCoordinates") }
                el("div", ["class": "panel"]) {
                    for township in missing.keys.sorted() {
                        el("p") {
                            el("strong") { (m.names[township] ?? township) + "：" }
                            NetworkViews.stationLinks((missing[township] ?? []).map { (id: $0.id ?? UUID(), name: $0.name) })
                        }
                    }
                }
            }
        }
    }

    static func svg(_ chrome: PageChrome, _ m: Model) -> String {
        let lang = chrome.context.language
        let points = m.facilities.compactMap { f -> NetworkMap.Point? in
            guard let lat = f.latitude, let lon = f.longitude else { return nil }
            // Township-level stations carry their township's name, so the map can be read without tiles.
            let label = f.facilityType.servesLevel == .township && f.facilityType != .commerceCentre ? m.names[f.divisionCode] : nil
            return NetworkMap.Point(name: f.name, type: f.facilityType, status: f.facilityStatus, latitude: lat, longitude: lon,
                                    link: f.id.map { SiteURL.networkFacility($0).path }, label: label)
        }
        let labels = NetworkMap.Labels(title: chrome.t("network.map.title"), type: { Catalogue.text($0.messageKey, lang) },
                                       status: { Catalogue.text($0.messageKey, lang) }, empty: chrome.t("network.map.empty"))
        return NetworkMap.svg(points, labels: labels)
    }
}
