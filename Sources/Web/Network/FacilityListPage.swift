import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 站点台账 — the county's facilities, filtered by type, status, township and text, 50 a page,
/// with the ledger exports. Not for station operators (the controller sends them to their station).
enum FacilityListPage {
    static let perPage = 50

    struct Model: Sendable {
        var viewer: NetworkViewer
        /// The filters as chosen (type, status, township, q).
        var filters: FormState
        /// This page's facilities.
        var facilities: [Facility]
        var pagination: Pagination
        var townships: [TownshipRef]
        var names: [String: String]
    }

    static func load(_ req: Request, _ viewer: NetworkViewer) async throws -> Model {
        let filter = FacilityFilter(type: req.query[String.self, at: "type"].flatMap(FacilityType.init(rawValue:)),
                                    status: req.query[String.self, at: "status"].flatMap(FacilityStatus.init(rawValue:)),
                                    township: req.query[String.self, at: "township"], text: req.query[String.self, at: "q"])
        let all = try await NetworkQueries.facilities(county: viewer.county, filter: filter, on: req.db)
        let page = Pagination.page(req)
        let names = try await NetworkQueries.divisionNames(county: viewer.county, on: req.db)
        let (townships, _) = try await NetworkQueries.units(county: viewer.county, on: req.db)
        let filters = FormState(values: ["type": filter.type?.rawValue ?? "", "status": filter.status?.rawValue ?? "",
                                         "township": filter.township ?? "", "q": filter.text ?? ""])
        return Model(viewer: viewer, filters: filters, facilities: Array(all.dropFirst((page - 1) * perPage).prefix(perPage)),
                     pagination: Pagination(page: page, per: perPage, total: all.count), townships: townships, names: names)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let form = m.filters
        return Layout.page(chrome, title: chrome.t("network.facilities")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.networkFacilities.path)
            el("p", ["class": "actions"]) {
                if m.viewer.canManage { el("a", ["class": "btn", "href": SiteURL.networkFacilityNew.path]) { chrome.t("network.facility.new") }; " " }
                el("a", ["class": "btn secondary", "href": SiteURL.networkLedgerExport("xlsx").path]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.networkLedgerExport("csv").path]) { chrome.t("common.export.csv") }
            }
            filterForm(chrome, m)
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") {
                    for key in ["network.field.name", "network.field.type", "network.field.division", "network.field.status", "network.field.operatorName", "network.field.flags"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for f in m.facilities { row(chrome, m, f) } }
            } }
            m.pagination.links(chrome, base: SiteURL.networkFacilities.path,
                               query: [("type", form["type"]), ("status", form["status"]), ("township", form["township"]), ("q", form["q"])])
        }
    }

    static func filterForm(_ chrome: PageChrome, _ m: Model) -> Node {
        let all = [("", chrome.t("common.all"))]
        return el("form", ["method": "get", "action": SiteURL.networkFacilities.path, "class": "filters"]) {
            Forms.select(chrome, m.filters, name: "type", label: chrome.t("network.field.type"),
                         options: all + FacilityType.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
            Forms.select(chrome, m.filters, name: "status", label: chrome.t("network.field.status"),
                         options: all + FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
            Forms.select(chrome, m.filters, name: "township", label: chrome.t("network.filter.township"),
                         options: all + m.townships.map { ($0.code, $0.name) })
            Forms.field(chrome, m.filters, name: "q", label: chrome.t("network.filter.text"))
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.filter") }
        }
    }

    static func row(_ chrome: PageChrome, _ m: Model, _ f: Facility) -> Node {
        el("tr") {
            el("td") { el("a", ["href": SiteURL.networkFacility(f.id ?? UUID()).path]) { f.name } }
            el("td") { chrome.t(f.facilityType.messageKey) }
            el("td") { NetworkViews.divisionLabel(f.divisionCode, m.names) }
            el("td") { NetworkViews.statusTag(chrome, f.facilityStatus); " " + f.statusSince }
            el("td") { f.operatorName + " " + m.viewer.phone(f) }
            el("td") {
                if f.demonstration { el("span", ["class": "tag"]) { chrome.t("network.field.demonstration") } }
                if f.signage { " "; el("span", ["class": "tag"]) { chrome.t("network.field.signage") } }
            }
        }
    }
}
