import Fluent
import FluentKit
import Foundation
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// Parts several trace pages share: the sub-navigation, names of the products and producers a
/// list refers to, and status labels.
enum TraceViews {
    static func subnav(_ chrome: PageChrome, _ v: TraceViewer) -> Node {
        el("nav", ["class": "subnav", "aria-label": chrome.t("nav.products")]) {
            el("a", ["href": SiteURL.section(.products).path]) { chrome.t("trace.overview") }
            el("a", ["href": SiteURL.trace(.batches).path]) { chrome.t("trace.batches") }
            el("a", ["href": SiteURL.trace(.producers).path]) { chrome.t("trace.producers") }
            if v.ownProducers == nil {
                el("a", ["href": SiteURL.trace(.catalogue).path]) { chrome.t("trace.catalogue") }
                el("a", ["href": SiteURL.trace(.brands).path]) { chrome.t("trace.brands") }
                el("a", ["href": SiteURL.trace(.scans).path]) { chrome.t("trace.scans") }
            }
        }
    }

    /// Names of the products and producers referred to by `batches`.
    static func names(for batches: [Batch], on db: any Database) async throws -> (products: [UUID: Product], producers: [UUID: Producer]) {
        let products = try await Product.query(on: db).filter(\.$id ~~ Array(Set(batches.map(\.productID)))).all()
        let producers = try await Producer.query(on: db).filter(\.$id ~~ Array(Set(batches.map(\.producerID)))).all()
        return (Dictionary(uniqueKeysWithValues: products.compactMap { p in p.id.map { ($0, p) } }),
                Dictionary(uniqueKeysWithValues: producers.compactMap { p in p.id.map { ($0, p) } }))
    }

    static func batchTable(_ chrome: PageChrome, _ batches: [Batch], products: [UUID: Product], producers: [UUID: Producer]) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { for k in ["trace.lot", "trace.product", "trace.producer", "trace.quantity", "trace.harvestedOn", "common.status"] { el("th") { chrome.t(k) } } } }
            el("tbody") {
                for b in batches {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.trace(.batch(b.id ?? UUID())).path]) { b.lot } }
                        el("td") { products[b.productID]?.name ?? "—" }
                        el("td") { producers[b.producerID]?.name ?? "—" }
                        el("td") { quantity(b) }
                        el("td") { b.harvestedOn ?? "—" }
                        el("td") { b.recalledAt == nil ? chrome.t("common.active") : chrome.t("trace.recalled") }
                    }
                }
            }
        } }
    }

    static func quantity(_ b: Batch) -> String {
        (b.quantity.rounded() == b.quantity ? String(Int(b.quantity)) : String(format: "%.2f", b.quantity)) + " " + b.uom
    }

    /// Form values of a request, for re-showing a refused form.
    static func formState(_ req: Request, _ names: [String], errors: [String: String] = [:]) -> FormState {
        FormState(values: Dictionary(uniqueKeysWithValues: names.map { ($0, req.field($0)) }), errors: errors)
    }

    static func options(_ chrome: PageChrome, _ keys: [String], prefix: String) -> [(String, String)] {
        keys.map { ($0, chrome.t(prefix + $0)) }
    }
}
