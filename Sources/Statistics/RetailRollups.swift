import FluentKit
import Foundation

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
