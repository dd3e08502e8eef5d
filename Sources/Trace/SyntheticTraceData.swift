import FluentKit
import Foundation
import SQLKit
import TraceCore
import XiangcunKit

/// Generated trace data for `bench trace` and the large-recall test: products `BP<n>` (county
/// trace codes), batches `L<i>`, `eventsPerBatch` events naming each batch, and a root lot with
/// `fanout` downstream items. Rows are made by the database itself (`INSERT … SELECT` over a
/// counter), 100,000 batches per transaction, so a million batches take minutes, not hours.
public enum SyntheticTraceData {
    public static let root = "urn:xiangcun:lot:BENCH:ROOT"
    static let chunk = 100_000

    /// Batches per product (the last product may have fewer): `L<i>` belongs to `BP<i / perProduct>`.
    public static func perProduct(batches: Int, products: Int) -> Int { max(1, (batches + products - 1) / products) }
    public static func products(batches: Int) -> Int { max(1, min(100, batches / 1000)) }

    public static func generate(batches: Int, eventsPerBatch: Int, county: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let products = products(batches: batches), per = perProduct(batches: batches, products: products)
        let producer = UUID()
        try await db.transaction { tx in
            guard let t = tx as? any SQLDatabase else { return }
            try await t.raw("INSERT INTO trace_producers (id, county_code, kind, name, credit_code, contact_name, division_code, sample) VALUES (\(bind: producer), \(bind: county), 'enterprise', 'Bench producer', '91331123MA2A00001C', 'Bench', '331123001000', \(bind: true))").run()
            for p in 0..<products {
                try await t.raw("INSERT INTO trace_products (id, county_code, code, name, category, specification, unit, season, annual_output, grade, bestseller, sample) VALUES (\(bind: UUID()), \(bind: county), \(bind: "BP\(p)"), \(bind: "Bench product \(p)"), 'bench', '1kg', 'kg', '', 0, '', \(bind: false), \(bind: true))").run()
            }
        }
        // A new UUID per row; SQLite holds them as text, the way the driver writes them.
        let pg = sql.dialect.name == "postgresql"
        // A new UUID per row; SQLite holds them as text, the way the driver writes them.
        let newID = pg ? "gen_random_uuid()"
            : "hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))"
        // Event e of batch i gets a UUID made of (e, i), so its items name it without a lookup;
        // its eventID is zero-padded so each pass over the batches appends to the unique index.
        @Sendable func eventRow(_ e: Int) -> String {
            pg ? "CAST(lpad(to_hex(\(e)), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(g.i), 12, '0') AS uuid)"
                : "printf('%08X-0000-4000-8000-%012X', \(e), g.i)"
        }
        @Sendable func eventID(_ e: Int) -> String { pg ? "'urn:bench:' || lpad(CAST(g.i AS TEXT), 7, '0') || ':\(e)'" : "printf('urn:bench:%07d:\(e)', g.i)" }
        if !pg { try await sql.raw("PRAGMA cache_size = -1000000").run() }
        let uri = "'urn:xiangcun:lot:BP' || (g.i / \(per)) || ':L' || g.i"
        let start = Date()
        for lo in stride(from: 0, to: batches, by: chunk) {
            let hi = min(lo + chunk, batches) - 1
            // A counter lo…hi in SQL, the same on both engines.
            let counter = "WITH RECURSIVE g(i) AS (SELECT \(lo) UNION ALL SELECT i + 1 FROM g WHERE i < \(hi)) "
            try await db.transaction { tx in
                guard let t = tx as? any SQLDatabase else { return }
                try await t.raw("""
                \(unsafeRaw: counter)INSERT INTO trace_batches (id, county_code, product_id, producer_id, lot, uri, origin, quantity, uom, sample)
                SELECT \(unsafeRaw: newID), \(bind: county), p.id, \(bind: producer), 'L' || g.i, \(unsafeRaw: uri), 'bench', 1.0, 'KGM', \(bind: true)
                  FROM g JOIN trace_products p ON p.code = 'BP' || (g.i / \(unsafeRaw: "\(per)"))
                """).run()
                for e in 0..<eventsPerBatch {
                    let time = start.addingTimeInterval(Double(e * 3600))
                    let json = "'{\"type\":\"ObjectEvent\",\"eventID\":\"' || \(eventID(e)) || '\",\"eventTime\":\"\(EPCISTime.format(time))\",\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"OBSERVE\",\"bizStep\":\"inspecting\",\"quantityList\":[{\"epcClass\":\"' || \(uri) || '\",\"quantity\":1}]}'"
                    try await t.raw("""
                    \(unsafeRaw: counter)INSERT INTO trace_events (id, county_code, event_id, kind, event_time, biz_step, json)
                    SELECT \(unsafeRaw: eventRow(e)), \(bind: county), \(unsafeRaw: eventID(e)), 'ObjectEvent', \(bind: time), 'inspecting', \(unsafeRaw: json) FROM g
                    """).run()
                    try await t.raw("""
                    \(unsafeRaw: counter)INSERT INTO trace_event_items (id, county_code, event_row, uri, event_time)
                    SELECT \(unsafeRaw: newID), \(bind: county), \(unsafeRaw: eventRow(e)), \(unsafeRaw: uri), \(bind: time) FROM g
                    """).run()
                }
            }
        }
    }

    /// `root` → √n lots (one transformation) → cases (aggregations), every case shipped:
    /// `n` downstream items (the root not counted) and n − √n shipments.
    public static func fanOut(_ n: Int, county: String, on db: any Database) async throws {
        let lots = max(1, Int(Double(n).squareRoot()))
        let event = UUID()
        try await db.transaction { tx in
            guard let t = tx as? any SQLDatabase else { return }
            try await t.raw("INSERT INTO trace_events (id, county_code, event_id, kind, event_time, json) VALUES (\(bind: event), \(bind: county), 'urn:bench:fanout', 'TransformationEvent', \(bind: Date()), '{}')").run()
            var links: [any SQLExpression] = [], ships: [any SQLExpression] = []
            func link(_ from: String, _ to: String, _ kind: String) {
                links.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(from), SQLBind(to), SQLBind(kind), SQLBind(event)] as [any SQLExpression]))
            }
            var made = 0
            for l in 0..<lots where made < n {
                let lot = "urn:xiangcun:lot:BENCH:F\(l)"
                link(root, lot, "transformation")
                made += 1
                for c in 0..<(lots - 1) where made < n {
                    let box = "urn:xiangcun:case:BENCH:\(l)-\(c)"
                    link(lot, box, "aggregation")
                    ships.append(SQLGroupExpression([SQLBind(UUID()), SQLBind(county), SQLBind(box), SQLBind(event), SQLBind("shipping"), SQLBind(Date()), SQLBind("urn:xiangcun:party:bench")] as [any SQLExpression]))
                    made += 1
                }
            }
            try await insert(t, "trace_links (id, county_code, from_uri, to_uri, kind, event_row)", links)
            try await insert(t, "trace_shipments (id, county_code, uri, event_row, direction, at, destination)", ships)
        }
    }

    /// Multi-row inserts of 500 rows (well under both engines' limit on bound values).
    static func insert(_ sql: any SQLDatabase, _ into: String, _ rows: [any SQLExpression]) async throws {
        for part in stride(from: 0, to: rows.count, by: 500) {
            try await sql.raw("INSERT INTO \(unsafeRaw: into) VALUES \(SQLList(Array(rows[part..<min(part + 500, rows.count)])))").run()
        }
    }
}
