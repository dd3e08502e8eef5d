import FluentKit
import Foundation
import Logistics
import SQLKit
import Trace

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
