import Fluent
import ServiceNetwork
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// One batch: its facts, a recall warning first when it or anything it was made from is
/// recalled, its EPCIS timeline, and the forms of what may happen next (production records,
/// inspections, shipping, transformation, packing, recall) for the roles that may do them.
enum BatchPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var batch: Batch
        var product: Product?
        var producer: Producer?
        var brand: Brand?
        var upstreamRecall: (lot: String, reason: String)?
        var timeline: [TimelineEntry]
        var stations: [(UUID, String)]
        var choices: BatchesPage.Choices
        var form: FormState
        /// Which form the errors belong to (records, inspections, moves, transform, pack, recall).
        var failedForm: String?
    }

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState(), failedForm: String? = nil) async throws -> Model {
        let b = try await req.traceBatch(v)
        let stations = try await Facility.query(on: req.db).filter(\.$countyCode == v.county.value).sort(\.$name).limit(500).all()
            .compactMap { f in f.id.map { ($0, f.name) } }
        var f = form
        if f.values.isEmpty { f.values = ["uom": b.uom, "kind": "fertiliser", "direction": "shipping", "passed": "yes", "origin": b.origin] }
        return Model(viewer: v, batch: b, product: try await Product.find(b.productID, on: req.db), producer: try await Producer.find(b.producerID, on: req.db),
                     brand: try await b.brandID.asyncMapWeb { try await Brand.find($0, on: req.db) } ?? nil,
                     upstreamRecall: try await RecallQuery.recalledUpstream(of: b.uri, county: v.county.value, on: req.db),
                     timeline: try await TraceEvents.timeline(uri: b.uri, county: v.county.value, on: req.db).map(TimelineEntry.init),
                     stations: stations, choices: try await BatchesPage.choices(req, v), form: f, failedForm: failedForm)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let b = m.batch, id = b.id ?? UUID()
        return Layout.page(chrome, title: (m.product?.name ?? "") + " · " + b.lot) {
            TraceViews.subnav(chrome, m.viewer)
            if let recall = m.upstreamRecall {
                el("div", ["class": "error-summary", "role": "alert"]) {
                    el("p") { b.recalledAt != nil ? chrome.t("trace.recall.this", recall.reason) : chrome.t("trace.recall.upstream", recall.lot, recall.reason) }
                    el("a", ["href": SiteURL.trace(.recall(id)).path]) { chrome.t("trace.recall.scope") }
                }
            }
            el("dl", ["class": "panel facts"]) {
                el("dt") { chrome.t("trace.producer") }; el("dd") { m.producer?.name ?? "—" }
                el("dt") { chrome.t("trace.origin") }; el("dd") { b.origin }
                el("dt") { chrome.t("trace.harvestedOn") }; el("dd") { b.harvestedOn ?? "—" }
                el("dt") { chrome.t("trace.quantity") }; el("dd") { TraceViews.quantity(b) }
                el("dt") { chrome.t("trace.brand") }; el("dd") { m.brand?.name ?? chrome.t("trace.noBrand") }
                el("dt") { chrome.t("trace.epc") }; el("dd") { el("code") { b.uri } }
            }
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.trace(.batchLabels(id)).path]) { chrome.t("trace.labels") }
                " "
                if let product = m.product { el("a", ["class": "btn secondary", "href": DigitalLink(product: BatchService.linkProduct(product), lot: b.lot).path]) { chrome.t("trace.publicPage") } }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.trace(.recall(id)).path]) { chrome.t("trace.recall.scope") }
            }
            el("h2") { chrome.t("trace.timeline") }
            el("ol", ["class": "panel timeline"]) {
                for e in m.timeline { el("li") { Beijing.format(e.time) + " · " + chrome.t("trace.step." + e.step) + (e.detail.isEmpty ? "" : " · " + e.detail)
                    + (e.interval.map { " · " + chrome.t("trace.interval", "\($0)") } ?? "") } }
            }
            BatchForms.all(chrome, m)
        }
    }
}

/// One line of a batch's timeline, read from its stored EPCIS event.
struct TimelineEntry: Sendable {
    var time: Date
    var step: String
    var detail: String
    var interval: Int?

    init(_ row: StoredEvent) {
        time = row.eventTime
        let json = (try? TraceEvents.decode(row))?.json ?? [:]
        let record = json["xc:record"]?.string
        step = record.map { "record." + $0 } ?? (row.kind == "TransformationEvent" ? "transforming" : row.kind == "AggregationEvent" ? "packing" : row.bizStep ?? "other")
        var parts: [String] = []
        for key in ["xc:input", "xc:inspectionItem", "xc:note"] { if let s = json[key]?.string, !s.isEmpty { parts.append(s) } }
        if let d = json["disposition"]?.string { parts.append(CBV.bare(d)) }
        interval = json["xc:safetyIntervalDays"]?.number.map { Int($0) }
        for dest in (json["destinationList"]?.array ?? []).compactMap({ $0["destination"]?.string }) where dest.hasPrefix("urn:xiangcun:party:") {
            parts.append("→ " + TraceEvents.destinationName(dest))
        }
        detail = parts.joined(separator: " · ")
    }
}

extension Optional {
    func asyncMapWeb<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}
