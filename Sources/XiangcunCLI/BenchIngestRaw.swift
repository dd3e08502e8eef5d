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
/// multi-row INSERTs (built as the API side builds its own), a transaction per batch, no
/// checks, no sorting, no rollup.
enum BenchIngestRaw {
    /// A ZTO number, as ZTO's system sends its own ("73" and 12 digits). (A number that matches
    /// no carrier's pattern is tried against every carrier's, nine regular expressions per item.)
    static func waybill(_ n: Int) -> String { "73\(100_000_000_000 + n)" }

    static func input(_ n: Int, villages: [String]) -> ParcelInput {
        ParcelInput(waybill: waybill(n), carrier: "zto", villageCode: villages[n % villages.count], recipientName: "测试",
                    recipientPhone: "1380\(1_000_000 + n % 9_000_000)", weightGrams: 500 + n % 3000)
    }

    /// `writers`: transactions at once, spread over the event loops as the server's requests are
    /// (on SQLite a connection per loop). The rows are what the API side leaves in its database:
    /// each parcel sorted to its village's station, with its received and sorted scans.
    static func run(_ config: DatabaseConfig, county: DivisionCode, stations: [String: UUID], parcels: Int, batch: Int, writers: Int) async throws -> Double {
        try await StorageSession.with(config) { session in
            let dbs = MultiThreadedEventLoopGroup.singleton.makeIterator().compactMap { session.databases.database(logger: Logger(label: "bench"), on: $0) }
            let engine = BulkStatement.engine(of: session.db)
            _ = try await LogisticsPartitions.ensure(county: county.value, on: session.db)
            let villages = stations.keys.sorted()
            let day = Day.today(), now = Date()
            let parcelColumns = ["id", "county_code", "waybill", "carrier_code", "direction", "status", "recipient_name", "recipient_phone", "phone_last4",
                                 "village_code", "address", "station_id", "weight_g", "cod_fen", "month", "intake_day", "received_at", "exception",
                                 "carrier_mismatch", "sample"]
            let scanColumns = ["id", "county_code", "month", "parcel_id", "kind", "at", "day", "actor", "note"]
            // The statements are made before the clock starts, as the API side's request bodies are.
            var batches: [[BulkStatement]] = []
            for start in stride(from: 0, to: parcels, by: batch) {
                let range = start..<min(start + batch, parcels)
                let ids = range.map { _ in UUID.random() }
                let parcelRows: [[BulkValue]] = zip(range, ids).map { n, id in
                    let village = villages[n % villages.count], phone = "1380\(1_000_000 + n % 9_000_000)"
                    return [.uuid(id), .text(county.value), .text(waybill(n)), .text("zto"), .text("inbound"), .text("sorted"), .text("测试"), .text(phone),
                            .text(String(phone.suffix(4))), .text(village), .text(""), stations[village].map { .uuid($0) } ?? .null, .int(500 + n % 3000),
                            .int(0), .text(day.monthText), .text(day.iso), .date(now), .bool(false), .bool(false), .bool(false)]
                }
                var statements = chunks(engine, "logistics_parcels", parcelColumns, parcelRows)
                for kind in ["received", "sorted"] {
                    let rows: [[BulkValue]] = ids.map {
                        [.uuid(UUID.random()), .text(county.value), .text(day.monthText), .uuid($0), .text(kind), .date(now), .text(day.iso), .text("bench"), .text("")]
                    }
                    statements += chunks(engine, "logistics_scans", scanColumns, rows)
                }
                batches.append(statements)
            }
            let ready = batches
            try await BenchDatabases.settle(session.db)
            let started = Date()
            try await BenchDatabases.inParallel(ready.count, workers: writers) { i in
                try await dbs[i % dbs.count].writeTransaction { tx in
                    for statement in ready[i] { try await statement.run(on: tx) }
                }
            }
            return Date().timeIntervalSince(started)
        }
    }

    /// Plain multi-row INSERTs, as many rows each as the bind limit allows.
    static func chunks(_ engine: BulkStatement.Engine, _ table: String, _ columns: [String], _ rows: [[BulkValue]]) -> [BulkStatement] {
        let per = LogisticsBulk.rowsPerStatement(columns: columns.count)
        return stride(from: 0, to: rows.count, by: per).map {
            BulkStatement.insert(engine, into: table, columns: columns, rows: rows[$0..<min($0 + per, rows.count)])
        }
    }
}

/// Fresh databases for a benchmark run, and what the process used.
enum BenchDatabases {
    static func fresh(_ engine: String, _ adminURL: String?) async throws -> (DatabaseConfig, @Sendable () async throws -> Void) {
        if engine == "sqlite" {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-bench-db-\(UUID.random().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return (.sqlite(path: dir.appendingPathComponent("xiangcun.sqlite").path), { try? FileManager.default.removeItem(at: dir) })
        }
        guard let adminURL, var parts = URLComponents(string: adminURL) else { throw UserFacingError("--postgres-url is needed for --database postgres") }
        let name = "xcbench_" + UUID.random().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await admin(adminURL, "CREATE DATABASE \(name)")
        parts.path = "/" + name
        return (.postgres(url: parts.string ?? adminURL), { try await admin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    /// Runs `body` on fresh databases of the engine, dropped afterwards (also when it throws).
    static func onFresh<T: Sendable>(_ engine: String, _ adminURL: String?, _ body: (DatabaseConfig) async throws -> T) async throws -> T {
        let (config, drop) = try await fresh(engine, adminURL)
        do {
            let result = try await body(config)
            try await drop()
            return result
        } catch {
            try? await drop()
            throw error
        }
    }

    /// Before a timed part: what earlier parts left unwritten (PostgreSQL's dirty pages, SQLite's
    /// write-ahead log) is written now, so neither side pays for what ran before it.
    /// PostgreSQL's CHECKPOINT needs a superuser or pg_checkpoint: refused, the run goes on and
    /// says so (its numbers then include what earlier parts left).
    static func settle(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if BulkStatement.engine(of: db) == .postgres {
            do { try await sql.raw("CHECKPOINT").run() } catch { print("CHECKPOINT refused (\(String(reflecting: error))); timed without it") }
        } else {
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
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
