import FluentKit
import Foundation
import Logistics
import SQLKit
import Trace

/// The platform rollups: recomputed for one county-month from its shop rows inside the
/// writing transaction (a month's shops are few), so dashboards read only rollups.
public enum RetailRollups {
    public struct Row: Sendable, Hashable, Codable {
        public var county: String
        public var month: String
        public var platform: String
        public var shops: Int
        public var totalFen: Int64
        public var farmFen: Int64
    }

    /// The rollup rows of one county-month as the raw shop rows give them.
    public static func compute(county: String, month: String, on db: any Database) async throws -> [Row] {
        let shops = try await RetailShopRecord.query(on: db).filter(\.$countyCode == county).filter(\.$month == month).all()
        return aggregate(shops)
    }

    static func aggregate(_ shops: [RetailShopRecord]) -> [Row] {
        var rows: [String: Row] = [:]
        for s in shops {
            let key = s.countyCode + "|" + s.month + "|" + s.platform
            var r = rows[key] ?? Row(county: s.countyCode, month: s.month, platform: s.platform, shops: 0, totalFen: 0, farmFen: 0)
            r.shops += 1; r.totalFen += s.totalFen; r.farmFen += s.farmFen
            rows[key] = r
        }
        return rows.values.sorted { ($0.county, $0.month, $0.platform) < ($1.county, $1.month, $1.platform) }
    }

    /// Replaces the stored rollups of one county-month (call inside the writing transaction).
    public static func refresh(county: String, month: String, on db: any Database) async throws {
        try await RetailPlatformRollup.query(on: db).filter(\.$countyCode == county).filter(\.$month == month).delete()
        for r in try await compute(county: county, month: month, on: db) {
            let row = RetailPlatformRollup()
            row.countyCode = r.county; row.month = r.month; row.platform = r.platform
            row.shops = r.shops; row.totalFen = r.totalFen; row.farmFen = r.farmFen
            try await row.create(on: db)
        }
    }

    public static func stored(county: String, months: [String]? = nil, on db: any Database) async throws -> [Row] {
        let q = RetailPlatformRollup.query(on: db).filter(\.$countyCode == county)
        if let months { q.filter(\.$month ~~ months) }
        return try await q.all().map { Row(county: $0.countyCode, month: $0.month, platform: $0.platform, shops: $0.shops, totalFen: $0.totalFen, farmFen: $0.farmFen) }
            .sorted { ($0.month, $0.platform) < ($1.month, $1.platform) }
    }
}

/// 校验 — recomputes every rollup from the raw rows and reports differences (there must be none).
public enum StatisticsCheck {
    public struct Difference: Sendable, Hashable, CustomStringConvertible {
        public var table: String
        public var key: String
        public var stored: String
        public var recomputed: String
        public var description: String { "\(table) \(key): stored \(stored), recomputed \(recomputed)" }
    }

    public static func run(on db: any Database) async throws -> [Difference] {
        let stored = try await RetailPlatformRollup.query(on: db).all()
            .map { RetailRollups.Row(county: $0.countyCode, month: $0.month, platform: $0.platform, shops: $0.shops, totalFen: $0.totalFen, farmFen: $0.farmFen) }
        let recomputed = RetailRollups.aggregate(try await RetailShopRecord.query(on: db).all())
        func keyed(_ rows: [RetailRollups.Row]) -> [String: RetailRollups.Row] {
            Dictionary(rows.map { ($0.county + " " + $0.month + " " + $0.platform, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let a = keyed(stored), b = keyed(recomputed)
        func text(_ r: RetailRollups.Row?) -> String { r.map { "shops=\($0.shops) total=\($0.totalFen) farm=\($0.farmFen)" } ?? "none" }
        let retail = Set(a.keys).union(b.keys).sorted().compactMap { key in
            a[key] == b[key] ? nil : Difference(table: RetailPlatformRollup.schema, key: key, stored: text(a[key]), recomputed: text(b[key]))
        }
        guard let sql = db as? any SQLDatabase else { return retail }
        let scans = try await ScanDays.differences(on: sql).map { d in
            Difference(table: ScanDays.table, key: d.key, stored: d.stored.map(String.init) ?? "none", recomputed: d.recomputed.map(String.init) ?? "none")
        }
        let stations = try await StationDays.differences(on: sql).map { d in
            Difference(table: StationDays.table, key: d.key, stored: d.stored, recomputed: d.recomputed)
        }
        return retail + scans + stations
    }
}
