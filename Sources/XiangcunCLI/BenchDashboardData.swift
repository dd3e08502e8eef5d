import FluentKit
import Foundation
import SQLKit
import Trace
import XiangcunKit

/// The raw rows of `bench dashboard`, written by the database itself (`INSERT … SELECT` over a
/// numbered series, one statement per table and county, so millions of rows load without a
/// round trip each), and the rollups built from them by `INSERT … SELECT … GROUP BY`. Only
/// internal numbers and validated county codes are spliced into the SQL; ids and names are bound.
struct BenchDashboardData {
    let sql: any SQLDatabase
    var postgres: Bool { sql.dialect.name == "postgresql" }

    /// A deterministic version-4-shaped id: `tag` tells the tables apart, `n` the rows.
    func uuid(_ tag: Int, _ n: String) -> String {
        postgres ? "CAST('\(String(format: "%08x", tag))-0000-4000-8000-' || lpad(to_hex(\(n)), 12, '0') AS UUID)"
            : "printf('%08X-0000-4000-8000-%012X', \(tag), \(n))"
    }

    func series(_ count: Int) -> String {
        "WITH RECURSIVE seq(n) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM seq WHERE n < \(max(0, count - 1)))"
    }

    /// `first` plus `offset` days as yyyy-MM-dd.
    func day(_ first: Day, plus offset: String) -> String {
        postgres ? "to_char(DATE '\(first.iso)' + CAST(\(offset) AS INTEGER), 'YYYY-MM-DD')" : "date('\(first.iso)', '+' || (\(offset)) || ' days')"
    }

    func pad(_ e: String, _ width: Int) -> String { postgres ? "lpad(CAST(\(e) AS TEXT), \(width), '0')" : "printf('%0\(width)d', \(e))" }

    func run(_ text: String) async throws { try await sql.raw(SQLQueryString(text)).run() }

    /// `perMonth` shop rows a month of one county (names, platforms and amounts cycle).
    func shops(county: String, tag: Int, months: [Month], perMonth: Int) async throws {
        let list = months.enumerated().map { "SELECT \($0.offset) AS i, '\($0.element.text)' AS month" }.joined(separator: " UNION ALL ")
        let platforms = ["淘宝", "天猫", "拼多多", "抖音", "京东", "快手"].enumerated().map { "SELECT \($0.offset) AS i, '\($0.element)' AS name" }
            .joined(separator: " UNION ALL ")
        try await run("""
            \(series(months.count * perMonth)),
            s AS (SELECT n, n / \(perMonth) AS mi, n % \(perMonth) AS k, 10000 + (n * 7919 + (n / \(perMonth)) * 104729) % 5000000 AS fen FROM seq)
            INSERT INTO stats_retail_shops (id, county_code, month, enterprise, shop, platform, total_fen, farm_fen, sample)
            SELECT \(uuid(tag, "s.n")), '\(county)', m.month, '示例企业' || (s.k / 3), '示例店铺' || s.k, p.name, s.fen, s.fen / 3, TRUE
            FROM s JOIN (\(list)) m ON m.i = s.mi JOIN (\(platforms)) p ON p.i = s.k % 6
            """)
    }

    /// Every platform rollup from the shop rows, as `RetailRollups.refresh` computes them.
    func retailRollups() async throws {
        try await run("DELETE FROM stats_retail_rollups")
        try await run("""
            INSERT INTO stats_retail_rollups (id, county_code, month, platform, shops, total_fen, farm_fen)
            SELECT \(uuid(90, "ROW_NUMBER() OVER ()")), county_code, month, platform, COUNT(*), SUM(total_fen), SUM(farm_fen)
            FROM stats_retail_shops GROUP BY county_code, month, platform
            """)
    }

    /// `batches` trace batches of the county's first product, spread over `days` days, each
    /// scanned on `scanDays` consecutive days (trace_scans holds one count per batch and day).
    func trace(county: String, product: UUID, producer: UUID, batches: Int, days: Int, scanDays: Int, first: Day) async throws {
        try await sql.raw("""
            \(unsafeRaw: series(batches))
            INSERT INTO trace_batches (id, county_code, product_id, producer_id, lot, uri, origin, quantity, uom, sample)
            SELECT \(unsafeRaw: uuid(21, "n")), \(bind: county), \(bind: product), \(bind: producer), 'BENCH-' || n,
              'urn:xiangcun:lot:BENCH:' || n, 'bench', 1.0, 'KGM', TRUE FROM seq
            """).run()
        let start = "(b.i * \(max(1, days - scanDays)) / \(batches))"
        try await run("""
            WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < \(scanDays - 1)),
            b AS (SELECT id, county_code, CAST(substr(lot, 7) AS INTEGER) AS i FROM trace_batches WHERE county_code = '\(county)' AND lot LIKE 'BENCH-%')
            INSERT INTO trace_scans (id, county_code, batch_id, day, count)
            SELECT \(uuid(22, "b.i * \(scanDays) + d.k")), b.county_code, b.id, \(day(first, plus: "\(start) + d.k")), 1 + (b.i * 31 + d.k * 17) % 199
            FROM b, d
            """)
        try await ScanDays.rebuild(county: county, on: sql)
    }

    /// Sessions of 50 people each; every attendance row names a session and a trainee.
    func training(county: String, attendances: Int, trainees: Int, days: Int, first: Day) async throws {
        let sessions = max(1, attendances / 50)
        try await run("""
            \(series(sessions))
            INSERT INTO commerce_training_sessions (id, county_code, kind, title, held_on, place, trainer, contractor_name, hours_tenths, materials, paired, sample)
            SELECT \(uuid(31, "n")), '\(county)', CASE WHEN n % 4 = 0 THEN 'advanced' ELSE 'basic' END, '示例培训' || n,
              \(day(first, plus: "n * \(days) / \(sessions)")), '县电商服务中心', '示例讲师', '示例承办企业', 30, '', FALSE, TRUE FROM seq
            """)
        try await run("""
            \(series(trainees))
            INSERT INTO commerce_trainees (id, county_code, name, id_number, village, groups, sample)
            SELECT \(uuid(32, "n")), '\(county)', '示例学员' || n, '3311231990' || \(pad("n", 8)), '示例村', '', TRUE FROM seq
            """)
        try await run("""
            \(series(attendances))
            INSERT INTO commerce_attendances (id, county_code, session_id, trainee_id)
            SELECT \(uuid(33, "n")), '\(county)', \(uuid(31, "n / 50")), \(uuid(32, "((n / 50) * 37 + n % 50) % \(trainees)")) FROM seq
            """)
    }
}
