import Audit
import FluentKit
import Foundation
import Logistics
import Logging
import LogisticsCore
import NIOPosix
import SQLKit
import Storage
import XiangcunKit

/// The "raw" side of `bench ingest`: the same parcel and scan rows written with plain
/// multi-row INSERTs, a transaction per batch, no checks, no sorting, no rollup.
enum BenchIngestRaw {
    static func waybill(_ n: Int) -> String { "BN\(10_000_000_000 + n)" }

    static func input(_ n: Int, villages: [String]) -> ParcelInput {
        ParcelInput(waybill: waybill(n), carrier: "zto", villageCode: villages[n % villages.count], recipientName: "测试",
                    recipientPhone: "1380\(1_000_000 + n % 9_000_000)", weightGrams: 500 + n % 3000)
    }

    /// `writers`: transactions at once, spread over the event loops as the server's requests are
    /// (on SQLite a connection per loop).
    static func run(_ config: DatabaseConfig, county: DivisionCode, villages: [String], parcels: Int, batch: Int, writers: Int) async throws -> Double {
        try await StorageSession.with(config) { session in
            let dbs = MultiThreadedEventLoopGroup.singleton.makeIterator().compactMap { session.databases.database(logger: Logger(label: "bench"), on: $0) }
            let day = Day.today(), now = Date()
            let parcelColumns = ["id", "county_code", "waybill", "carrier_code", "direction", "status", "recipient_name", "recipient_phone", "phone_last4",
                                 "village_code", "address", "weight_g", "cod_fen", "month", "intake_day", "received_at", "exception", "carrier_mismatch", "sample"]
            let scanColumns = ["id", "county_code", "month", "parcel_id", "kind", "at", "day", "actor", "note"]
            // The rows are made before the clock starts, as the API side's request bodies are.
            typealias Rows = [[any Encodable & Sendable]]
            var batches: [(parcels: Rows, scans: [Rows])] = []
            for start in stride(from: 0, to: parcels, by: batch) {
                let range = start..<min(start + batch, parcels)
                let ids = range.map { _ in UUID() }
                let parcelRows: Rows = zip(range, ids).map { n, id in
                    [id, county.value, waybill(n), "zto", "inbound", "sorted", "测试", "1380\(1_000_000 + n % 9_000_000)", "0000",
                     villages[n % villages.count], "", 500 + n % 3000, Int64(0), day.monthText, day.iso, now, false, false, false]
                }
                let scanRows: [Rows] = ["received", "sorted"].map { kind in
                    ids.map { [UUID(), county.value, day.monthText, $0, kind, now, day.iso, "bench", ""] }
                }
                batches.append((parcelRows, scanRows))
            }
            let ready = batches
            let started = Date()
            try await BenchDatabases.inParallel(ready.count, workers: writers) { i in
                try await dbs[i % dbs.count].writeTransaction { tx in
                    guard let sql = tx as? any SQLDatabase else { return }
                    try await insert(sql, "logistics_parcels", parcelColumns, ready[i].parcels)
                    for scans in ready[i].scans { try await insert(sql, "logistics_scans", scanColumns, scans) }
                }
            }
            return Date().timeIntervalSince(started)
        }
    }

    static func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let per = LogisticsBulk.rowsPerStatement(columns: columns.count)
        for start in stride(from: 0, to: rows.count, by: per) {
            let insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + per, rows.count)] { insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }
}

/// Fresh databases for a benchmark run, and what the process used.
enum BenchDatabases {
    static func fresh(_ engine: String, _ adminURL: String?) async throws -> (DatabaseConfig, @Sendable () async throws -> Void) {
        if engine == "sqlite" {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-bench-db-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return (.sqlite(path: dir.appendingPathComponent("xiangcun.sqlite").path), { try? FileManager.default.removeItem(at: dir) })
        }
        guard let adminURL, var parts = URLComponents(string: adminURL) else { throw UserFacingError("--postgres-url is needed for --database postgres") }
        let name = "xcbench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await admin(adminURL, "CREATE DATABASE \(name)")
        parts.path = "/" + name
        return (.postgres(url: parts.string ?? adminURL), { try await admin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    static func admin(_ url: String, _ statement: String) async throws {
        try await StorageSession.with(.postgres(url: url), migrate: false) { session in
            guard let sql = session.db as? any SQLDatabase else { return }
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    /// Runs `body(0..<count)` with `workers` tasks at once, each taking every `workers`-th index.
    static func inParallel(_ count: Int, workers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<max(1, workers) {
                group.addTask { for i in stride(from: w, to: count, by: max(1, workers)) { try await body(i) } }
            }
            try await group.waitForAll()
        }
    }

    /// Peak resident set (VmHWM) of this process, from /proc.
    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
