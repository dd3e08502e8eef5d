import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 网货目录 — the county catalogue: products with category, specification, output, grade,
/// GTIN and bestseller flag; the county adds one by form or many by CSV import.
enum CataloguePage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var products: [Product]
        var pagination: Pagination
        var form: FormState
    }

    static let fields = ["code", "name", "category", "specification", "unit", "season", "annualOutput", "grade", "gtin", "bestseller"]

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState()) async throws -> Model {
        if v.ownProducers != nil { throw Abort(.forbidden) }
        let page = Pagination.page(req)
        let (list, total) = try await TraceQueries.products(county: v.county.value, page: page, per: 50, on: req.db)
        return Model(viewer: v, products: list, pagination: Pagination(page: page, per: 50, total: total), form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("trace.catalogue")) {
            TraceViews.subnav(chrome, m.viewer)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for k in ["trace.code", "trace.product", "trace.category", "trace.specification", "trace.annualOutput", "trace.grade", "trace.gtin"] { el("th") { chrome.t(k) } } } }
                el("tbody") {
                    for p in m.products {
                        el("tr") {
                            el("td") { p.code }
                            el("td") { el("a", ["href": SiteURL.trace(.product(p.id ?? UUID())).path]) { p.name }; if p.bestseller { el("span", ["class": "badge"]) { chrome.t("trace.bestseller") } } }
                            el("td") { p.category }
                            el("td") { p.specification }
                            el("td") { "\(p.annualOutput) \(p.unit)" }
                            el("td") { p.grade }
                            el("td") { p.gtin ?? "—" }
                        }
                    }
                }
            } }
            m.pagination.links(chrome, base: SiteURL.trace(.catalogue).path, query: [])
            if m.viewer.canManage {
                form(chrome, m.form)
                Forms.uploadForm(chrome, action: SiteURL.trace(.catalogueImport).path) {
                    el("h2") { chrome.t("trace.import") }
                    el("p", ["class": "hint"]) { chrome.t("trace.import.hint", ProductService.columns.joined(separator: ",")) }
                    Forms.file(chrome, m.form, label: chrome.t("trace.import.file"), accept: ".csv,text/csv")
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("trace.import") }
                }
            }
        }
    }

    static func form(_ chrome: PageChrome, _ f: FormState) -> Node {
        el("form", ["method": "post", "action": SiteURL.trace(.catalogue).path, "class": "panel"]) {
            el("h2") { chrome.t("trace.product.new") }
            Layout.csrfField(chrome.context)
            Forms.errorSummary(chrome, f)
            Forms.field(chrome, f, name: "code", label: chrome.t("trace.code"), required: true, hint: chrome.t("trace.code.hint"))
            Forms.field(chrome, f, name: "name", label: chrome.t("trace.product"), required: true)
            Forms.field(chrome, f, name: "category", label: chrome.t("trace.category"), required: true)
            Forms.field(chrome, f, name: "specification", label: chrome.t("trace.specification"), required: true)
            Forms.field(chrome, f, name: "unit", label: chrome.t("trace.unit"), required: true)
            Forms.field(chrome, f, name: "season", label: chrome.t("trace.season"))
            Forms.field(chrome, f, name: "annualOutput", label: chrome.t("trace.annualOutput"), type: "number")
            Forms.field(chrome, f, name: "grade", label: chrome.t("trace.grade"))
            Forms.field(chrome, f, name: "gtin", label: chrome.t("trace.gtin"), hint: chrome.t("trace.gtin.hint"))
            Forms.select(chrome, f, name: "bestseller", label: chrome.t("trace.bestseller"), options: [("no", chrome.t("common.no")), ("yes", chrome.t("common.yes"))])
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
        }
    }
}

/// One product: its standards (every version, newest first) and its batches.
enum ProductPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var product: Product
        var standards: [ProductStandard]
        var batches: [Batch]
        var producers: [UUID: Producer]
        var form: FormState
    }

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState(values: ["kind": "grading"])) async throws -> Model {
        if v.ownProducers != nil { throw Abort(.forbidden) }
        let p = try await req.traceProduct(v)
        let standards = try await ProductStandard.query(on: req.db).filter(\.$productID == p.requireID()).sort(\.$kind).sort(\.$version, .descending).all()
        let (batches, _) = try await TraceQueries.batches(county: v.county.value, producers: nil, product: p.id, page: 1, per: 50, on: req.db)
        return Model(viewer: v, product: p, standards: standards, batches: batches,
                     producers: try await TraceViews.names(for: batches, on: req.db).producers, form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let p = m.product
        return Layout.page(chrome, title: p.name) {
            TraceViews.subnav(chrome, m.viewer)
            el("dl", ["class": "panel facts"]) {
                el("dt") { chrome.t("trace.code") }; el("dd") { p.code }
                el("dt") { chrome.t("trace.category") }; el("dd") { p.category }
                el("dt") { chrome.t("trace.specification") }; el("dd") { p.specification }
                el("dt") { chrome.t("trace.season") }; el("dd") { p.season }
                el("dt") { chrome.t("trace.annualOutput") }; el("dd") { "\(p.annualOutput) \(p.unit)" }
                el("dt") { chrome.t("trace.gtin") }; el("dd") { p.gtin ?? "—" }
            }
            el("h2") { chrome.t("trace.standards") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for k in ["trace.standard.kind", "trace.standard.version", "trace.standard.title", "trace.standard.effective"] { el("th") { chrome.t(k) } } } }
                el("tbody") {
                    for s in m.standards {
                        el("tr") { el("td") { chrome.t("trace.standard." + s.kind) }; el("td") { "v\(s.version)" }; el("td") { s.title }; el("td") { s.effectiveOn } }
                    }
                }
            } }
            if m.viewer.canManage {
                el("form", ["method": "post", "action": SiteURL.trace(.productStandards(p.id ?? UUID())).path, "class": "panel"]) {
                    el("h3") { chrome.t("trace.standard.new") }
                    Layout.csrfField(chrome.context)
                    Forms.errorSummary(chrome, m.form)
                    Forms.select(chrome, m.form, name: "kind", label: chrome.t("trace.standard.kind"), options: TraceViews.options(chrome, ProductService.standardKinds, prefix: "trace.standard."))
                    Forms.field(chrome, m.form, name: "title", label: chrome.t("trace.standard.title"), required: true)
                    Forms.field(chrome, m.form, name: "effectiveOn", label: chrome.t("trace.standard.effective"), type: "date", required: true)
                    el("div", ["class": "field"]) {
                        el("label", ["for": "f-body"]) { chrome.t("trace.standard.body") }
                        el("textarea", ["id": "f-body", "name": "body", "rows": "6"]) { m.form["body"] }
                    }
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
                }
            }
            el("h2") { chrome.t("trace.batches") }
            TraceViews.batchTable(chrome, m.batches, products: [p.id ?? UUID(): p], producers: m.producers)
        }
    }
}
