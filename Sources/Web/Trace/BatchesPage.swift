import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 批次 — batches of the county (a producer's users: their own), and the form that
/// commissions one, with an optional regional brand (refused when not authorised).
enum BatchesPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var batches: [Batch]
        var products: [UUID: Product]
        var producers: [UUID: Producer]
        var pagination: Pagination
        var choices: Choices
        var form: FormState
    }

    /// What the new-batch form offers.
    struct Choices: Sendable {
        var products: [Product]
        var producers: [Producer]
        var brands: [Brand]
    }

    static let fields = ["productID", "producerID", "lot", "origin", "harvestedOn", "quantity", "uom", "brandID"]

    static func choices(_ req: Request, _ v: TraceViewer) async throws -> Choices {
        let c = v.county.value
        let producers = try await Producer.query(on: req.db).filter(\.$countyCode == c).sort(\.$name).limit(500).all().filter(v.canSee)
        return Choices(products: try await Product.query(on: req.db).filter(\.$countyCode == c).sort(\.$code).limit(500).all(), producers: producers,
                       brands: try await Brand.query(on: req.db).filter(\.$countyCode == c).sort(\.$name).all())
    }

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState(values: ["uom": "KGM"])) async throws -> Model {
        let page = Pagination.page(req)
        let (list, total) = try await TraceQueries.batches(county: v.county.value, producers: v.ownProducers, page: page, per: 50, on: req.db)
        let names = try await TraceViews.names(for: list, on: req.db)
        return Model(viewer: v, batches: list, products: names.products, producers: names.producers,
                     pagination: Pagination(page: page, per: 50, total: total), choices: try await choices(req, v), form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("trace.batches")) {
            TraceViews.subnav(chrome, m.viewer)
            TraceViews.batchTable(chrome, m.batches, products: m.products, producers: m.producers)
            m.pagination.links(chrome, base: SiteURL.trace(.batches).path, query: [])
            if m.viewer.canRecord, !m.choices.producers.isEmpty { form(chrome, m.choices, m.form, action: SiteURL.trace(.batches).path, title: chrome.t("trace.batch.new")) }
        }
    }

    /// The batch form (also the output of a transformation on the batch page).
    static func form(_ chrome: PageChrome, _ c: Choices, _ f: FormState, action: String, title: String, @NodeBuilder extra: () -> [Node] = { [] }) -> Node {
        let more = extra()
        return el("form", ["method": "post", "action": action, "class": "panel"]) {
            el("h2") { title }
            Layout.csrfField(chrome.context)
            Forms.errorSummary(chrome, f)
            more
            Forms.select(chrome, f, name: "productID", label: chrome.t("trace.product"), options: c.products.map { ($0.id?.uuidString ?? "", $0.name) })
            Forms.select(chrome, f, name: "producerID", label: chrome.t("trace.producer"), options: c.producers.map { ($0.id?.uuidString ?? "", $0.name) })
            Forms.field(chrome, f, name: "lot", label: chrome.t("trace.lot"), required: true, hint: chrome.t("trace.code.hint"))
            Forms.field(chrome, f, name: "origin", label: chrome.t("trace.origin"), required: true)
            Forms.field(chrome, f, name: "harvestedOn", label: chrome.t("trace.harvestedOn"), type: "date")
            Forms.field(chrome, f, name: "quantity", label: chrome.t("trace.quantity"), required: true)
            Forms.select(chrome, f, name: "uom", label: chrome.t("trace.uom"), options: [("KGM", chrome.t("trace.uom.KGM")), ("EA", chrome.t("trace.uom.EA"))])
            Forms.select(chrome, f, name: "brandID", label: chrome.t("trace.brand"), options: [("", chrome.t("trace.noBrand"))] + c.brands.map { ($0.id?.uuidString ?? "", $0.name) })
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
        }
    }
}
