import FluentKit
import Foundation
import SQLKit
import Storage
import Trace
import TraceCore
import XiangcunKit

/// Generated data for `bench trace`: products `BP<n>` (county trace codes), batches `L<i>`,
/// `eventsPerBatch` events naming each batch, and one root lot with `fanout` downstream items
/// (lots from a transformation, each packed into cases, every case shipped).
enum BenchTraceData {
    static func generate(batches: Int, eventsPerBatch: Int, fanout: Int, county: String, on db: any Database) async throws -> (products: Int, root: String) {
        guard let sql = db as? any SQLDatabase else { throw UserFacingError("bench needs an SQL database") }
        let products = max(1, min(100, batches / 1000))
        let producer = UUID()
        try await sql.raw("INSERT INTO trace_producers (id, county_code, kind, name, credit_code, contact_name, division_code, sample) VALUES (\(bind: producer), \(bind: county), 'enterprise', 'Bench producer', '91331123MA2A00001C', 'Bench', '331123001000', \(bind: true))").run()
        var ids: [UUID] = []
        for p in 0..<products {
            let id = UUID()
            ids.append(id)
            try await sql.raw("INSERT INTO trace_products (id, county_code, code, name, category, specification, unit, season, annual_output, grade, bestseller, sample) VALUES (\(bind: id), \(bind: county), \(bind: "BP\(p)"), \(bind: "Bench product \(p)"), 'bench', '1kg', 'kg', '', 0, '', \(bind: false), \(bind: true))").run()
        }
        let perProduct = max(1, batches / products)
        let now = Date()
        let productIDs = ids
        for chunk in stride(from: 0, to: batches, by: 500) {
            try await db.transaction { tx in
                guard let t = tx as? any SQLDatabase else { return }
                var batchRows: [any SQLExpression] = [], eventRows: [any SQLExpression] = [], itemRows: [any SQLExpression] = []
                for i in chunk..<min(chunk + 500, batches) {
                    let p = min(products - 1, i / perProduct)
                    let uri = DigitalLink.lotURI(product: .countyCode("BP\(p)"), lot: "L\(i)")
                    batchRows.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(productIDs[p]), SQLBind(producer), SQLBind("L\(i)"), SQLBind(uri),
                                                         SQLBind("bench"), SQLBind(1.0), SQLBind("KGM"), SQLBind(true)] as [any SQLExpression]))
                    for e in 0..<eventsPerBatch {
                        let row = UUID(), time = now.addingTimeInterval(Double(e * 3600))
                        let json = "{\"type\":\"ObjectEvent\",\"eventID\":\"urn:uuid:\(row.uuidString.lowercased())\",\"eventTime\":\"\(EPCISTime.format(time))\",\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"OBSERVE\",\"bizStep\":\"inspecting\",\"quantityList\":[{\"epcClass\":\"\(uri)\",\"quantity\":1}]}"
                        eventRows.append(SQLGroupExpression([SQLBind(row), SQLBind(county), SQLBind("urn:uuid:\(row.uuidString.lowercased())"), SQLBind("ObjectEvent"), SQLBind(time), SQLBind("inspecting"), SQLBind(json)] as [any SQLExpression]))
                        itemRows.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(row), SQLBind(uri), SQLBind(time)] as [any SQLExpression]))
                    }
                }
                try await insert(t, "trace_batches (id, county_code, product_id, producer_id, lot, uri, origin, quantity, uom, sample)", batchRows)
                for part in stride(from: 0, to: eventRows.count, by: 500) {
                    try await insert(t, "trace_events (id, county_code, event_id, kind, event_time, biz_step, json)", Array(eventRows[part..<min(part + 500, eventRows.count)]))
                    try await insert(t, "trace_event_items (id, county_code, event_row, uri, event_time)", Array(itemRows[part..<min(part + 500, itemRows.count)]))
                }
            }
        }
        let root = try await fanOut(fanout, county: county, on: db)
        return (products, root)
    }

    static func insert(_ sql: any SQLDatabase, _ into: String, _ rows: [any SQLExpression]) async throws {
        guard !rows.isEmpty else { return }
        try await sql.raw("INSERT INTO \(unsafeRaw: into) VALUES \(SQLList(rows))").run()
    }

    /// Root lot → √n lots (transformation) → cases (aggregation), every case shipped.
    static func fanOut(_ n: Int, county: String, on db: any Database) async throws -> String {
        let root = "urn:xiangcun:lot:BENCH:ROOT"
        let lots = max(1, Int(Double(n).squareRoot()))
        let event = UUID()
        try await db.transaction { tx in
            guard let t = tx as? any SQLDatabase else { return }
            try await t.raw("INSERT INTO trace_events (id, county_code, event_id, kind, event_time, json) VALUES (\(bind: event), \(bind: county), 'urn:bench:fanout', 'TransformationEvent', \(bind: Date()), '{}')").run()
            var links: [any SQLExpression] = [], ships: [any SQLExpression] = []
            var made = 0
            for l in 0..<lots where made < n {
                let lot = "urn:xiangcun:lot:BENCH:F\(l)"
                links.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(root), SQLBind(lot), SQLBind("transformation"), SQLBind(event)] as [any SQLExpression]))
                made += 1
                for c in 0..<(lots - 1) where made < n {
                    let box = "urn:xiangcun:case:BENCH:\(l)-\(c)"
                    links.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(lot), SQLBind(box), SQLBind("aggregation"), SQLBind(event)] as [any SQLExpression]))
                    ships.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(box), SQLBind(event), SQLBind("shipping"), SQLBind(Date()), SQLBind("urn:xiangcun:party:bench")] as [any SQLExpression]))
                    made += 1
                }
            }
            for part in stride(from: 0, to: links.count, by: 500) {
                try await insert(t, "trace_links (id, county_code, from_uri, to_uri, kind, event_row)", Array(links[part..<min(part + 500, links.count)]))
            }
            for part in stride(from: 0, to: ships.count, by: 500) {
                try await insert(t, "trace_shipments (id, county_code, uri, event_row, direction, at, destination)", Array(ships[part..<min(part + 500, ships.count)]))
            }
        }
        return root
    }
}
