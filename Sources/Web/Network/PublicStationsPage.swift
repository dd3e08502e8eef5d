import Divisions
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 政务公开 — the public station directory, no sign-in: operating stations villagers go to, by
/// township, with their services, opening hours and published service phone. Never an
/// operator's name or personal phone.
enum PublicStationsPage {
    /// Facilities villagers go to (not warehouses, live rooms, parks or the sorting centre).
    static let publicTypes: Set<FacilityType> = [.countyServiceCentre, .townshipStation, .townshipHub, .villageStation, .commerceCentre, .o2oStore]

    struct Model: Sendable {
        var countyName: String
        /// "浙江省丽水市遂昌县", for the page header.
        var countyFullName: String
        var facilities: [Facility]
        var services: [UUID: [String]]
        var catalogue: [(code: String, zh: String, en: String, custom: Bool)]
        var names: [String: String]
    }

    /// The county of the path (`/public/:county/stations`); any other code is not found.
    static func load(_ req: Request) async throws -> Model {
        guard let text = req.parameters.get("county"), let code = try? DivisionCode(text), code.level == .county,
              let county = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        let facilities = try await NetworkQueries.facilities(county: code, filter: FacilityFilter(status: .operating), on: req.db)
            .filter { publicTypes.contains($0.facilityType) }
        return Model(countyName: county.name, countyFullName: try await DivisionQueries.fullName(of: code, on: req.db), facilities: facilities,
                     services: try await NetworkQueries.servicesByFacility(county: code, on: req.db),
                     catalogue: try await NetworkQueries.catalogue(county: code, on: req.db),
                     names: try await NetworkQueries.divisionNames(county: code, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        var chrome = chrome
        chrome.countyName = m.countyFullName
        let byTownship = Dictionary(grouping: m.facilities) { DivisionCode.townshipOf($0.divisionCode) ?? $0.divisionCode }
        return Layout.page(chrome, title: m.countyName + chrome.t("network.public.title")) {
            el("p") { chrome.t("network.public.intro") }
            el("p", ["class": "muted"]) { chrome.t("network.public.count", "\(m.facilities.count)") }
            el("nav", ["class": "subnav", "aria-label": chrome.t("network.field.township")]) {
                for township in byTownship.keys.sorted() { el("a", ["href": "#t" + township]) { m.names[township] ?? township } }
            }
            for township in byTownship.keys.sorted() {
                el("h2", ["id": "t" + township]) { m.names[township] ?? chrome.t("division.level.county") }
                el("div", ["class": "directory"]) {
                    for f in byTownship[township] ?? [] { entry(chrome, m, f) }
                }
            }
        }
    }

    static func entry(_ chrome: PageChrome, _ m: Model, _ f: Facility) -> Node {
        let services = m.services[f.id ?? UUID()] ?? []
        return el("div", ["class": "entry"]) {
            el("h3") { f.name }
            el("p", ["class": "muted"]) { chrome.t(f.facilityType.messageKey) + " · " + NetworkViews.divisionLabel(f.divisionCode, m.names) }
            if !f.address.isEmpty { el("p") { chrome.t("network.field.address") + "：" + f.address } }
            el("p") { chrome.t("network.field.openingHours") + "：" + (f.openingHours.isEmpty ? "—" : f.openingHours) }
            if let phone = f.servicePhone, !phone.isEmpty {
                el("p") { chrome.t("network.field.servicePhone") + "："; el("a", ["href": "tel:" + phone]) { phone } }
            }
            if !services.isEmpty {
                el("p") { chrome.t("network.field.services") + "：" + NetworkViews.serviceNames(services, catalogue: m.catalogue, language: chrome.context.language) }
            }
        }
    }
}
