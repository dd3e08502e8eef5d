import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 追溯查询 — what a consumer's phone shows after scanning a label: one small HTML page with
/// inline style and no script. A recall warning comes first. No personal data: an individual
/// grower is shown by kind and place, never by name, identifier or phone.
enum PublicTracePage {
    struct Model: Sendable {
        var language: Language
        var product: Product
        var batch: Batch?
        var producer: Producer?
        var brand: String?
        var recall: (lot: String, reason: String)?
        var timeline: [TimelineEntry]
        var inspections: [Inspection]
        var standards: [ProductStandard]
    }

    static func load(_ req: Request, product: Product, batch: Batch?) async throws -> Model {
        let county = product.countyCode
        var m = Model(language: req.context.language, product: product, batch: batch, producer: nil, brand: nil, recall: nil, timeline: [], inspections: [],
                      standards: try await ProductService.currentStandards(of: try product.requireID(), on: req.db))
        guard let b = batch else { return m }
        m.producer = try await Producer.find(b.producerID, on: req.db)
        if let brandID = b.brandID { m.brand = try await Brand.find(brandID, on: req.db)?.name }
        m.recall = try await RecallQuery.recalledUpstream(of: b.uri, county: county, on: req.db)
        m.timeline = try await TraceEvents.timeline(uri: b.uri, county: county, limit: 50, on: req.db).map(TimelineEntry.init)
        m.inspections = try await Inspection.query(on: req.db).filter(\.$batchID == b.requireID()).sort(\.$day).limit(20).all()
        return m
    }

    static let style = "body{font:16px/1.5 sans-serif;margin:0 auto;max-width:36em;padding:12px;color:#222}h1{font-size:1.3em;margin:.2em 0}"
        + "h2{font-size:1.05em;margin:1em 0 .3em;border-bottom:1px solid #ddd}.warn{background:#fde8e8;border:2px solid #c00;padding:10px;font-weight:bold}"
        + "ul{padding-left:1.2em;margin:.2em 0}dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}dt{color:#666}dd{margin:0}.ok{color:#070}.bad{color:#c00}"
        + "footer{color:#666;font-size:.85em;margin-top:1.5em}"

    static func view(_ m: Model) -> String {
        func t(_ key: String, _ args: String...) -> String { Catalogue.text(key, m.language, args) }
        let body = el("main") {
            if let r = m.recall {
                el("p", ["class": "warn", "role": "alert"]) { m.batch?.recalledAt != nil ? t("trace.recall.this", r.reason) : t("trace.recall.upstream", r.lot, r.reason) }
            }
            el("h1") { m.product.name }
            el("dl") {
                el("dt") { t("trace.specification") }; el("dd") { m.product.specification }
                if let b = m.batch {
                    el("dt") { t("trace.lot") }; el("dd") { b.lot }
                    el("dt") { t("trace.producer") }; el("dd") { producerLabel(m, t) }
                    el("dt") { t("trace.origin") }; el("dd") { b.origin }
                    el("dt") { t("trace.harvestedOn") }; el("dd") { b.harvestedOn ?? "—" }
                    el("dt") { t("trace.brand") }; el("dd") { m.brand ?? t("trace.noBrand") }
                } else {
                    el("dt") { t("trace.lot") }; el("dd") { t("trace.public.noLot") }
                }
            }
            if !m.inspections.isEmpty {
                el("h2") { t("trace.inspections") }
                el("ul") { for i in m.inspections { el("li") { i.day + " " + i.item + " "; el("span", ["class": i.passed ? "ok" : "bad"]) { i.passed ? t("trace.inspection.pass") : t("trace.inspection.fail") } } } }
            }
            if !m.timeline.isEmpty {
                el("h2") { t("trace.timeline") }
                el("ul") { for e in m.timeline { el("li") { Beijing.format(e.time, pattern: "yyyy-MM-dd") + " " + t("trace.step." + e.step) } } }
            }
            if !m.standards.isEmpty {
                el("h2") { t("trace.standards") }
                el("ul") { for s in m.standards { el("li") { s.title + " v\(s.version)" } } }
            }
        }
        return "<!doctype html><html lang=\"\(m.language.htmlTag)\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<title>\(Node.escape(m.product.name))</title><style>\(style)</style></head><body>\(body.html)"
            + "<footer>\(Node.escape(t("trace.public.footer")))</footer></body></html>"
    }

    /// An enterprise, cooperative or farm by its registered name; an individual grower never by name.
    static func producerLabel(_ m: Model, _ t: (String, String...) -> String) -> String {
        guard let p = m.producer else { return "—" }
        return p.kind == "individual" ? t("trace.kind.individual") : p.name
    }

    /// A standalone page with one inline style sheet: a policy that allows that sheet by its
    /// hash and nothing else (no script, no other origin).
    static func policy(style: String) -> String {
        let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(hash)'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    }

    /// The trace page's policy, hashed once.
    static let pagePolicy = policy(style: style)

    static func response(_ html: String, policy: String = pagePolicy) -> Response {
        let response = Response.html(html)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: policy)
        return response
    }

    /// GS1 linkset (`linkType=all`): the links this resolver knows for the identifier.
    static func linkset(anchor: String, title: String) throws -> Response {
        let doc: [String: Any] = ["linkset": [[
            "anchor": anchor,
            "https://gs1.org/voc/defaultLink": [["href": anchor, "title": title, "type": "text/html"]],
            "https://gs1.org/voc/traceability": [["href": anchor, "title": title, "type": "text/html", "hreflang": ["zh"]]],
        ]]]
        let data = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/linkset+json")
        response.headers.replaceOrAdd(name: "Link", value: "<\(anchor)>; rel=\"https://gs1.org/voc/defaultLink\"")
        return response
    }
}
