import Commerce
import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// 帮扶台账 — households helped (ID numbers masked), help actions (training, help-sales with
/// quantity, price and premium, jobs), the paired county's products on platforms, and publicity
/// events and plan documents with their evidence.
enum AssistancePage {
    static let perPage = 30
    static let householdFields = ["headName", "idNumber", "village"]
    static let actionFields = ["household", "paired", "kind", "day", "product", "quantity", "unit", "unitPriceYuan", "premiumYuan", "jobs", "note"]
    static let productFields = ["product", "platform", "day"]
    static let publicityFields = ["kind", "title", "day", "reach"]


    struct Model: Sendable {
        var viewer: CommerceViewer
        var indicators: [String: Decimal]
        var targets: [String: String]
        var households: [AssistedHousehold]
        var actions: [HelpAction]
        var pagination: Pagination
        var products: [PairedProduct]
        var publicity: [PublicityItem]
        var evidence: [UUID: [EvidenceRecord]]
        var forms: [String: FormState]
    }

    static func load(_ req: Request, refused: (String, FormState)? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        let page = Pagination.page(req)
        let (actions, total) = try await CommerceQueries.helpActions(county: viewer.county, page: page, per: perPage, on: req.db)
        let publicity = try await CommerceQueries.publicity(county: viewer.county, on: req.db)
        let evidence = Dictionary(grouping: try await Evidence.list(owners: publicity.compactMap(\.id), on: req.db), by: \.ownerID)
        let today = Day.today().iso
        var forms = ["household": FormState(), "action": FormState(values: ["kind": "helpSale", "day": today]),
                     "product": FormState(values: ["day": today]), "publicity": FormState(values: ["kind": "event", "day": today])]
        if let (name, form) = refused { forms[name] = form }
        return Model(viewer: viewer, indicators: try await CommerceIndicators.all(county: viewer.county, day: .today(), on: req.db),
                     targets: try await CommerceTargets.load(viewer.county, req.db),
                     households: try await CommerceQueries.households(county: viewer.county, on: req.db), actions: actions,
                     pagination: Pagination(page: page, per: perPage, total: total),
                     products: try await CommerceQueries.pairedProducts(county: viewer.county, on: req.db), publicity: publicity, evidence: evidence, forms: forms)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        func value(_ key: CommerceIndicatorKey) -> String { m.indicators[key.rawValue].map { "\($0)" } ?? "0" }
        return Layout.page(chrome, title: chrome.t("assistance.title")) {
            el("div", ["class": "cards"]) {
                for key in [CommerceIndicatorKey.assistanceHouseholds, .assistanceHelpSalesAmount, .assistanceJobs, .assistancePairedPersonTimes,
                            .assistancePairedProducts, .assistancePairedPlatforms, .publicityEvents, .publicityPlans] {
                    Cards.figure(value(key), label: chrome.t(key.messageKey), sub: m.targets[key.rawValue])
                }
            }
            households(chrome, m)
            actions(chrome, m)
            AssistanceParts.products(chrome, m)
            AssistanceParts.publicity(chrome, m)
        }
    }

    static func households(_ chrome: PageChrome, _ m: Model) -> Node {
        el("section") {
            el("h2") { chrome.t("assistance.households") }
            CommerceViews.table(chrome, headers: ["assistance.headName", "training.field.idNumber", "training.field.village"]) {
                for h in m.households {
                    el("tr") { el("td") { h.headName; " "; CommerceViews.sampleTag(chrome, h.sample) }; el("td") { m.viewer.idNumber(h.idNumber) }; el("td") { h.village } }
                }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.households).path, title: chrome.t("assistance.household.new"), m.forms["household"] ?? FormState(), fields: [
                    .init(name: "headName", label: chrome.t("assistance.headName"), required: true),
                    .init(name: "idNumber", label: chrome.t("training.field.idNumber"), required: true),
                    .init(name: "village", label: chrome.t("training.field.village"), required: true),
                ])
            }
        }
    }

    static func actions(_ chrome: PageChrome, _ m: Model) -> Node {
        let names = Dictionary(m.households.compactMap { h in h.id.map { ($0, h.headName) } }, uniquingKeysWith: { a, _ in a })
        return el("section") {
            el("h2") { chrome.t("assistance.actions") }
            CommerceViews.table(chrome, headers: ["training.field.day", "assistance.whom", "commerce.kind", "assistance.product", "assistance.quantity",
                                                  "assistance.unitPrice", "assistance.amount", "assistance.premium", "assistance.jobs"]) {
                for a in m.actions {
                    el("tr") {
                        el("td") { a.happenedOn }
                        el("td") { a.paired ? chrome.t("training.field.paired") : (a.householdID.flatMap { names[$0] } ?? "—") }
                        el("td") { chrome.t(HelpKind(rawValue: a.kind)?.messageKey ?? a.kind) }
                        el("td") { a.product.isEmpty ? "—" : a.product }
                        el("td") { a.quantity > 0 ? "\(a.quantity) \(a.unit)" : "—" }
                        el("td") { CommerceViews.yuan(a.unitPriceFen) }; el("td") { CommerceViews.yuan(a.amountFen) }
                        el("td") { CommerceViews.yuan(HelpSale.premium(quantity: a.quantity, premiumPerUnit: Money(fen: a.premiumFen)).fen) }
                        el("td") { "\(a.jobs)" }
                    }
                }
            }
            m.pagination.links(chrome, base: SiteURL.section(.poverty).path, query: [])
            if m.viewer.canManage { AssistanceParts.actionForm(chrome, m) }
        }
    }
}
