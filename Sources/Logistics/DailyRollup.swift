import FluentKit
import Foundation
import LogisticsCore
import SQLKit
import XiangcunKit

/// The daily rollup (日汇总): counts per county, Beijing day, station, carrier and direction,
/// added to in the same transaction as the scans they count, so statistics, loads and
/// indicators read this small table and never scan the raw ones.
public struct DailyRollup: Sendable {
    /// Count columns. `sorted_g` / `collected_g` are grams; `t0`…`t5` the transit histogram
    /// (days from intake to station arrival, 5 = five or more) of parcels arriving that day.
    public static let columns = [
        "received", "sorted", "sorted_g", "loaded", "arrived_hub", "arrived", "picked_up", "returned", "lost",
        "exceptions", "resolved", "collected", "collected_g", "handed_over", "t0", "t1", "t2", "t3", "t4", "t5",
    ]

    public struct Key: Hashable, Sendable {
        public var day: String
        public var station: String
        public var carrier: String
        public var direction: String

        public init(day: String, station: UUID?, carrier: String, direction: String) {
            self.day = day
            self.station = station?.text ?? ""
            self.carrier = carrier
            self.direction = direction
        }

        /// The order rows are written in, field by field: a batch's keys mostly share the day,
        /// so most comparisons end at the station. (Comparing them as tuples was three quarters
        /// of the rollup's time in `bench ingest`.)
        static func ordered(_ a: Key, _ b: Key) -> Bool {
            if a.day != b.day { return a.day < b.day }
            if a.station != b.station { return a.station < b.station }
            if a.carrier != b.carrier { return a.carrier < b.carrier }
            return a.direction < b.direction
        }
    }

    public private(set) var deltas: [Key: [String: Int64]] = [:]

    public init() {}

    public mutating func add(_ key: Key, _ column: String, _ amount: Int64 = 1) {
        deltas[key, default: [:]][column, default: 0] += amount
    }

    public var isEmpty: Bool { deltas.isEmpty }

    /// Adds the deltas to the table: insert, or on the key add to the existing counts.
    public func apply(county: String, on db: any Database) async throws {
        guard !deltas.isEmpty else { return }
        // In key order: two batches adding to the same rows lock them in the same order, so
        // concurrent batches on PostgreSQL wait for each other instead of deadlocking.
        let rows: [[BulkValue]] = deltas.keys.sorted(by: Key.ordered).map { key in
            let counts = deltas[key] ?? [:]
            return [.text(county), .text(key.day), .text(key.station), .text(key.carrier), .text(key.direction)]
                + Self.columns.map { .int(Int(counts[$0] ?? 0)) }
        }
        try await LogisticsBulk.addCounts(to: "logistics_daily", keys: ["county_code", "day", "station_key", "carrier_code", "direction"],
                                          counts: Self.columns, rows: rows, on: db)
        try await StationDays.add(deltas, county: county, on: db)
    }
}

/// One row of the rollup as read.
public struct DailyRow: Sendable {
    public var day: String
    public var station: UUID?
    public var carrier: String
    public var direction: String
    public var counts: [String: Int64]

    public subscript(_ column: String) -> Int64 { counts[column] ?? 0 }

    public var transit: TransitHistogram { TransitHistogram((0..<TransitHistogram.buckets).map { Int(self["t\($0)"]) }) }
}

extension DailyRollup {
    /// Rows of a county between two days (inclusive), optionally one station.
    /// The county's rows summed per day (the database adds them up): a few rows for pages that
    /// show only the county's totals, instead of one per station, carrier and direction.
    public static func dailyTotals(county: String, from: String, to: String, on db: any Database) async throws -> [DailyRow] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("""
            SELECT day, \(unsafeRaw: sums(columns)) FROM logistics_daily
            WHERE county_code = \(bind: county) AND day >= \(bind: from) AND day <= \(bind: to) GROUP BY day
            """).all()
        return rows.map { row in
            DailyRow(day: (try? row.decode(column: "day", as: String.self)) ?? "", station: nil, carrier: "", direction: "", counts: counts(of: row))
        }
    }

    /// `SUM(c) AS c` for each column, as an integer on both engines (PostgreSQL's SUM of a bigint
    /// is a numeric).
    static func sums(_ names: [String]) -> String {
        names.map { "CAST(COALESCE(SUM(\($0)), 0) AS BIGINT) AS \($0)" }.joined(separator: ", ")
    }

    /// The count columns of a row (a missing one is 0).
    static func counts(of row: any SQLRow) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for c in columns { counts[c] = (try? row.decode(column: c, as: Int64.self)) ?? 0 }
        return counts
    }

    public static func rows(county: String, from: String, to: String, station: UUID? = nil, on db: any Database) async throws -> [DailyRow] {
        guard let sql = db as? any SQLDatabase else { return [] }
        var query = sql.select().column("*").from("logistics_daily")
            .where("county_code", .equal, county).where("day", .greaterThanOrEqual, from).where("day", .lessThanOrEqual, to)
        if let station { query = query.where("station_key", .equal, station.uuidString) }
        return try await query.all().map { row in
            let key = (try? row.decode(column: "station_key", as: String.self)) ?? ""
            return DailyRow(day: (try? row.decode(column: "day", as: String.self)) ?? "", station: UUID(uuidString: key),
                            carrier: (try? row.decode(column: "carrier_code", as: String.self)) ?? "",
                            direction: (try? row.decode(column: "direction", as: String.self)) ?? "", counts: counts(of: row))
        }
    }
}
