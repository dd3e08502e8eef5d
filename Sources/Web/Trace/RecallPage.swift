import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 召回范围 — everything downstream of a batch (one recursive query): batches made from it,
/// the cases it was packed into, the shipments that carried any of them, and the stations
/// and recipients to notify. Exported as CSV for the notices.
enum RecallPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var batch: Batch
        var rows: [RecallQuery.Row]
        var elapsedMs: Double
    }

    static func load(_ req: Request, _ v: TraceViewer) async throws -> Model {
        if v.ownProducers != nil { throw Abort(.forbidden) }
        let b = try await req.traceBatch(v)
        let start = DispatchTime.now().uptimeNanoseconds
        let rows = try await RecallQuery.downstream(of: b.uri, county: v.county.value, on: req.db)
        return Model(viewer: v, batch: b, rows: rows, elapsedMs: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }

    static let header = ["kind", "uri", "lot", "product", "destination", "station", "recipient"]

    static func csvRows(_ m: Model) -> [[String]] {
        m.rows.map { [$0.kind.rawValue, $0.uri, $0.lot ?? "", $0.product ?? "", $0.destination.map(TraceEvents.destinationName) ?? "", $0.station ?? "", $0.recipient ?? ""] }
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let items = m.rows.filter { $0.kind == .item }, shipments = m.rows.filter { $0.kind == .shipment }, parcels = m.rows.filter { $0.kind == .parcel }
        let notify = Set(shipments.map { $0.station ?? TraceEvents.destinationName($0.destination ?? "") } + parcels.compactMap(\.station)).sorted()
        return Layout.page(chrome, title: chrome.t("trace.recall.scope") + " · " + m.batch.lot) {
            TraceViews.subnav(chrome, m.viewer)
            if let reason = m.batch.recallReason { el("div", ["class": "error-summary", "role": "alert"]) { el("p") { chrome.t("trace.recall.this", reason) } } }
            el("p", ["class": "muted"]) { chrome.t("trace.recall.summary", "\(items.count)", "\(shipments.count)", String(format: "%.1f", m.elapsedMs)) }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.trace(.recallExport(m.batch.id ?? UUID())).path]) { chrome.t("common.export.csv") } }
            el("h2") { chrome.t("trace.recall.notify") }
            el("ul", ["class": "panel"]) { for n in notify { el("li") { n } } }
            el("h2") { chrome.t("trace.recall.items") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for k in ["trace.lot", "trace.product", "trace.epc"] { el("th") { chrome.t(k) } } } }
                el("tbody") {
                    for r in items.prefix(1000) {
                        el("tr") {
                            el("td") { if let id = r.batchID { el("a", ["href": SiteURL.trace(.batch(id)).path]) { r.lot ?? "" } } else { "—" } }
                            el("td") { r.product ?? chrome.t("trace.case") }
                            el("td") { el("code") { r.uri } }
                        }
                    }
                }
            } }
            if items.count > 1000 { el("p", ["class": "muted"]) { chrome.t("trace.recall.more") } }
            if !parcels.isEmpty { parcelTable(chrome, parcels) }
            el("h2") { chrome.t("trace.recall.shipments") }
            el("ul", ["class": "panel"]) {
                for s in shipments.prefix(1000) { el("li") { (s.station ?? TraceEvents.destinationName(s.destination ?? "")) + " ← " + s.uri } }
            }
        }
    }
}

extension RecallPage {
    /// The logistics parcels that carried an affected item: waybill, station, masked recipient.
    static func parcelTable(_ chrome: PageChrome, _ parcels: [RecallQuery.Row]) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("caption") { chrome.t("trace.recall.parcels") }
            el("thead") { el("tr") { for k in ["trace.waybill", "trace.station", "trace.recall.recipient"] { el("th") { chrome.t(k) } } } }
            el("tbody") {
                for p in parcels.prefix(1000) { el("tr") { el("td") { el("code") { p.destination ?? "" } }; el("td") { p.station ?? "—" }; el("td") { p.recipient ?? "" } } }
            }
        } }
    }
}

/// 扫码统计 — public trace-page views by day and by batch.
enum ScansPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var byDay: [(String, Int)]
        var byBatch: [(Batch, Int)]
    }

    static func load(_ req: Request, _ v: TraceViewer) async throws -> Model {
        if v.ownProducers != nil { throw Abort(.forbidden) }
        let (byDay, byBatch) = try await TraceQueries.scans(county: v.county.value, on: req.db)
        let batches = try await Batch.query(on: req.db).filter(\.$id ~~ byBatch.map(\.0)).all()
        return Model(viewer: v, byDay: byDay, byBatch: byBatch.compactMap { pair in batches.first { $0.id == pair.0 }.map { ($0, pair.1) } })
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("trace.scans")) {
            TraceViews.subnav(chrome, m.viewer)
            el("div", ["class": "grid2"]) {
                el("div", ["class": "table-wrap"]) { el("table") {
                    el("caption") { chrome.t("trace.scans.byDay") }
                    el("thead") { el("tr") { el("th") { chrome.t("trace.day") }; el("th") { chrome.t("trace.scans") } } }
                    el("tbody") { for (d, n) in m.byDay.reversed() { el("tr") { el("td") { d }; el("td") { "\(n)" } } } }
                } }
                el("div", ["class": "table-wrap"]) { el("table") {
                    el("caption") { chrome.t("trace.scans.byBatch") }
                    el("thead") { el("tr") { el("th") { chrome.t("trace.lot") }; el("th") { chrome.t("trace.scans") } } }
                    el("tbody") { for (b, n) in m.byBatch { el("tr") { el("td") { el("a", ["href": SiteURL.trace(.batch(b.id ?? UUID())).path]) { b.lot } }; el("td") { "\(n)" } } } }
                } }
            }
        }
    }
}
