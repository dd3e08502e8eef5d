import FluentKit
import Foundation
import SQLKit

/// 扫码日合计 — the county's scans per Beijing day, kept beside the per-batch counts
/// (`trace_scans`) in the same transaction, so the dashboards' all-time scan total reads one row
/// a day (five years: 1,826 rows) instead of one per batch and day (300,000 in the benchmark's
/// county, 70 ms on PostgreSQL).
public enum ScanDays {
    public static let table = "trace_scan_days"

    /// Adds `count` scans to each (county, day) (call inside the transaction writing `trace_scans`).
    static func add(_ totals: [String: [String: Int]], on sql: any SQLDatabase) async throws {
        for (county, days) in totals {
            for (day, n) in days where n != 0 {
                try await sql.raw("""
                    INSERT INTO trace_scan_days (county_code, day, count) VALUES (\(bind: county), \(bind: day), \(bind: n))
                    ON CONFLICT (county_code, day) DO UPDATE SET count = trace_scan_days.count + \(bind: n)
                    """).run()
            }
        }
    }

    /// Rebuilds the totals of one county, or of all, from `trace_scans` (after bulk SQL that
    /// wrote the per-batch counts directly: the benchmark's generator, the migration).
    public static func rebuild(county: String? = nil, on sql: any SQLDatabase) async throws {
        let filter: SQLQueryString = county.map { "WHERE county_code = \(bind: $0)" } ?? ""
        try await sql.raw("DELETE FROM trace_scan_days \(filter)").run()
        try await sql.raw("""
            INSERT INTO trace_scan_days (county_code, day, count)
            SELECT county_code, day, SUM(count) FROM trace_scans \(filter) GROUP BY county_code, day
            """).run()
    }

    /// (county, day) → count as stored, and as `trace_scans` gives it, where they differ.
    public static func differences(on sql: any SQLDatabase) async throws -> [(key: String, stored: Int64?, recomputed: Int64?)] {
        func read(_ query: SQLQueryString) async throws -> [String: Int64] {
            var out: [String: Int64] = [:]
            for row in try await sql.raw(query).all() {
                out[try row.decode(column: "county_code", as: String.self) + " " + row.decode(column: "day", as: String.self)] =
                    try row.decode(column: "n", as: Int64.self)
            }
            return out
        }
        let stored = try await read("SELECT county_code, day, CAST(count AS BIGINT) AS n FROM trace_scan_days WHERE count <> 0")
        let recomputed = try await read("SELECT county_code, day, CAST(SUM(count) AS BIGINT) AS n FROM trace_scans GROUP BY county_code, day HAVING SUM(count) <> 0")
        return Set(stored.keys).union(recomputed.keys).sorted().compactMap { key in
            stored[key] == recomputed[key] ? nil : (key, stored[key], recomputed[key])
        }
    }
}

/// Creates `trace_scan_days` and fills it from the counts already there.
public struct CreateScanDays: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE TABLE trace_scan_days (county_code TEXT NOT NULL, day TEXT NOT NULL, count BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (county_code, day))
            """).run()
        try await ScanDays.rebuild(on: sql)
    }

    public func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.raw("DROP TABLE IF EXISTS trace_scan_days").run()
    }
}
