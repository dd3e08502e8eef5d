import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 区域公用品牌 — the county's brands, who may use them on what and when, and revocations.
enum BrandsPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var brands: [Brand]
        var grants: [BrandGrant]
        var producers: [Producer]
        var products: [Product]
        var form: FormState
    }

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState()) async throws -> Model {
        if v.ownProducers != nil { throw Abort(.forbidden) }
        let c = v.county.value
        return Model(viewer: v,
                     brands: try await Brand.query(on: req.db).filter(\.$countyCode == c).sort(\.$name).all(),
                     grants: try await BrandGrant.query(on: req.db).filter(\.$countyCode == c).sort(\.$validTo, .descending).limit(200).all(),
                     producers: try await Producer.query(on: req.db).filter(\.$countyCode == c).sort(\.$name).limit(500).all(),
                     products: try await Product.query(on: req.db).filter(\.$countyCode == c).sort(\.$code).limit(500).all(), form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        func name<T>(_ list: [T], _ id: UUID?, _ id2: (T) -> UUID?, _ n: (T) -> String) -> String { list.first { id2($0) == id }.map(n) ?? chrome.t("trace.allProducts") }
        return Layout.page(chrome, title: chrome.t("trace.brands")) {
            TraceViews.subnav(chrome, m.viewer)
            Forms.errorSummary(chrome, m.form)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for k in ["trace.brand", "trace.producer", "trace.product", "trace.validFrom", "trace.validTo", "common.status", "common.actions"] { el("th") { chrome.t(k) } } } }
                el("tbody") {
                    for g in m.grants {
                        el("tr") {
                            el("td") { name(m.brands, g.brandID, { $0.id }, { $0.name }) }
                            el("td") { name(m.producers, g.producerID, { $0.id }, { $0.name }) }
                            el("td") { g.productID == nil ? chrome.t("trace.allProducts") : name(m.products, g.productID, { $0.id }, { $0.name }) }
                            el("td") { g.validFrom }
                            el("td") { g.validTo }
                            el("td") { g.revokedOn.map { chrome.t("trace.revoked") + " " + $0 + "：" + (g.revokeReason ?? "") } ?? chrome.t("common.active") }
                            el("td") {
                                if g.revokedOn == nil, m.viewer.canManage {
                                    el("form", ["method": "post", "action": SiteURL.trace(.grantRevoke(g.id ?? UUID())).path, "class": "inline"]) {
                                        Layout.csrfField(chrome.context)
                                        el("label", ["class": "visually-hidden", "for": "r-\(g.id?.uuidString ?? "")"]) { chrome.t("trace.revoke.reason") }
                                        el("input", ["id": "r-\(g.id?.uuidString ?? "")", "name": "reason", "required": "", "placeholder": chrome.t("trace.revoke.reason")])
                                        el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("trace.revoke") }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
            if m.viewer.canManage { forms(chrome, m) }
        }
    }

    static func forms(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div") {
            el("form", ["method": "post", "action": SiteURL.trace(.brandGrants).path, "class": "panel"]) {
                el("h2") { chrome.t("trace.grant.new") }
                Layout.csrfField(chrome.context)
                Forms.select(chrome, m.form, name: "brandID", label: chrome.t("trace.brand"), options: m.brands.map { ($0.id?.uuidString ?? "", $0.name) })
                Forms.select(chrome, m.form, name: "producerID", label: chrome.t("trace.producer"), options: m.producers.map { ($0.id?.uuidString ?? "", $0.name) })
                Forms.select(chrome, m.form, name: "productID", label: chrome.t("trace.product"),
                             options: [("", chrome.t("trace.allProducts"))] + m.products.map { ($0.id?.uuidString ?? "", $0.name) })
                Forms.field(chrome, m.form, name: "validFrom", label: chrome.t("trace.validFrom"), type: "date", required: true)
                Forms.field(chrome, m.form, name: "validTo", label: chrome.t("trace.validTo"), type: "date", required: true)
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("trace.grant.new") }
            }
            el("form", ["method": "post", "action": SiteURL.trace(.brands).path, "class": "panel"]) {
                el("h2") { chrome.t("trace.brand.new") }
                Layout.csrfField(chrome.context)
                Forms.field(chrome, m.form, name: "name", label: chrome.t("trace.brand"), required: true)
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
            }
        }
    }
}
