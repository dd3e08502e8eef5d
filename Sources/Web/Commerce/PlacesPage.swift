import Commerce
import CommerceCore
import Programme
import ServiceNetwork
import Vapor
import XiangcunKit

/// 电商村镇、产业园与商贸中心 — specialised and featured villages/towns with their criteria and
/// status, park enterprises by sales tier, and the township commerce centres against the standard.
enum PlacesPage {
    static let villageFields = ["divisionCode", "kind", "onlineSalesYuan", "activeShops", "householdSharePercent", "status", "statusSince"]
    static let parkFields = ["name", "creditCode", "year", "onlineSalesYuan"]

    struct Model: Sendable {
        var viewer: CommerceViewer
        var villages: [CommerceVillage]
        var evidence: [UUID: [EvidenceRecord]]
        var parkYear: Int?
        var park: [ParkEnterprise]
        var centres: [Facility]
        var villageForm: FormState
        var parkForm: FormState
    }

    static func load(_ req: Request, villageForm: FormState? = nil, parkForm: FormState? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        let (year, park) = try await CommerceQueries.park(county: viewer.county, on: req.db)
        let villages = try await CommerceQueries.villages(county: viewer.county, on: req.db)
        let evidence = Dictionary(grouping: try await Evidence.list(owners: villages.compactMap(\.id), on: req.db), by: \.ownerID)
        return Model(viewer: viewer, villages: villages, evidence: evidence, parkYear: year, park: park,
                     centres: try await CommerceQueries.commerceCentres(county: viewer.county, on: req.db),
                     villageForm: villageForm ?? FormState(values: ["statusSince": Day.today().iso]),
                     parkForm: parkForm ?? FormState(values: ["year": "\(Day.today().year - 1)"]))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("places.title")) {
            CommerceViews.subnav(chrome, .live, current: SiteURL.commerce(.places).path)
            el("h2") { chrome.t("places.villages") }
            CommerceViews.table(chrome, headers: ["training.field.name", "places.kind", "places.onlineSales", "places.activeShops", "places.householdShare", "common.status", "training.evidence"]) {
                for v in m.villages { villageRow(chrome, m, v) }
            }
            if m.viewer.canManage { villageForm(chrome, m) }
            park(chrome, m)
            el("h2") { chrome.t("places.centres") }
            el("p", ["class": "muted"]) { chrome.t("places.centres.hint", "\(CommerceCentreStandard.minArea)", "\(CommerceCentreStandard.minSKU)", "\(CommerceCentreStandard.minPopulation)") }
            CommerceViews.table(chrome, headers: ["training.field.name", "network.field.status", "places.area", "places.sku", "places.population", "places.radius", "places.standard"]) {
                for f in m.centres {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.networkFacility(f.id ?? UUID()).path]) { f.name } }
                        el("td") { chrome.t(f.facilityStatus.messageKey) }
                        el("td") { f.areaM2.map(String.init) ?? "—" }; el("td") { f.skuCount.map(String.init) ?? "—" }
                        el("td") { f.populationServed.map(String.init) ?? "—" }; el("td") { f.deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? "—" }
                        el("td") { CommerceCentreStandard.meets(area: f.areaM2, sku: f.skuCount, population: f.populationServed) ? chrome.t("common.yes") : chrome.t("common.no") }
                    }
                }
            }
        }
    }

    static func villageRow(_ chrome: PageChrome, _ m: Model, _ v: CommerceVillage) -> Node {
        let status = RecognitionStatus(rawValue: v.status) ?? .candidate
        return el("tr") {
            el("td") { v.name; " "; CommerceViews.sampleTag(chrome, v.sample) }
            el("td") { chrome.t(CommerceVillageKind(rawValue: v.kind)?.messageKey ?? v.kind) }
            el("td") { CommerceViews.wanYuan(v.onlineSalesFen) + " " + chrome.t("places.wanYuan") }
            el("td") { "\(v.activeShops)" }
            el("td") { "\(Decimal(v.householdSharePermille) / 10)%" }
            el("td") {
                chrome.t(status.messageKey) + " " + v.statusSince
                if m.viewer.canManage, let id = v.id {
                    let next = RecognitionStatus.allCases.filter { status.canMove(to: $0) }
                    el("form", ["method": "post", "action": SiteURL.commerce(.villageStatus(id)).path, "class": "inline"]) {
                        Layout.csrfField(chrome.context)
                        el("select", ["name": "status", "aria-label": chrome.t("common.status")]) { for s in next { el("option", ["value": s.rawValue]) { chrome.t(s.messageKey) } } }
                        el("input", ["type": "date", "name": "statusSince", "value": Day.today().iso, "aria-label": chrome.t("training.field.day")])
                        el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("places.status.change") }
                    }
                }
            }
            el("td") { CommerceViews.evidence(chrome, m.evidence[v.id ?? UUID()] ?? [], upload: m.viewer.canManage ? v.id.map { SiteURL.commerce(.villageEvidence($0)).path } : nil) }
        }
    }

    static func villageForm(_ chrome: PageChrome, _ m: Model) -> Node {
        CommerceViews.form(chrome, action: SiteURL.commerce(.villages).path, title: chrome.t("places.village.new"), m.villageForm, fields: [
            .init(name: "divisionCode", label: chrome.t("places.divisionCode"), required: true, hint: chrome.t("places.divisionCode.hint")),
            .init(name: "kind", label: chrome.t("places.kind"), options: CommerceViews.options(chrome, CommerceVillageKind.self) { $0.messageKey }),
            .init(name: "onlineSalesYuan", label: chrome.t("places.onlineSales.yuan"), hint: chrome.t("commerce.yuan.hint")),
            .init(name: "activeShops", label: chrome.t("places.activeShops"), type: "number"),
            .init(name: "householdSharePercent", label: chrome.t("places.householdShare")),
            .init(name: "status", label: chrome.t("common.status"), options: CommerceViews.options(chrome, RecognitionStatus.self) { $0.messageKey }),
            .init(name: "statusSince", label: chrome.t("places.statusSince"), type: "date", required: true),
        ])
    }

    static func park(_ chrome: PageChrome, _ m: Model) -> Node {
        let tiers = SalesTier.counts(m.park.map { Money(fen: $0.onlineSalesFen) })
        return el("section") {
            el("h2") { chrome.t("places.park") + (m.parkYear.map { "（\($0)）" } ?? "") }
            el("div", ["class": "cards"]) {
                Cards.figure("\(m.park.count)", label: chrome.t("indicator.park.enterprises"))
                for tier in SalesTier.allCases { Cards.figure("\(tiers[tier] ?? 0)", label: chrome.t(tier.messageKey)) }
            }
            CommerceViews.table(chrome, headers: ["training.field.name", "places.year", "places.onlineSales"]) {
                for e in m.park {
                    el("tr") { el("td") { e.name; " "; CommerceViews.sampleTag(chrome, e.sample) }; el("td") { "\(e.year)" }
                               el("td") { CommerceViews.wanYuan(e.onlineSalesFen) + " " + chrome.t("places.wanYuan") } }
                }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.parkEnterprises).path, title: chrome.t("places.park.new"), m.parkForm, fields: [
                    .init(name: "name", label: chrome.t("training.field.name"), required: true),
                    .init(name: "creditCode", label: chrome.t("places.creditCode")),
                    .init(name: "year", label: chrome.t("places.year"), type: "number", required: true),
                    .init(name: "onlineSalesYuan", label: chrome.t("places.onlineSales.yuan"), required: true, hint: chrome.t("commerce.yuan.hint")),
                ])
            }
        }
    }
}
