import FluentKit
import Foundation
import StatisticsCore
import XiangcunKit

/// Reads of online retail figures; every read names the county.
public enum RetailQueries {
    /// Monthly total (fen) of a county by month.
    public static func series(county: String, on db: any Database) async throws -> [Month: Int64] {
        var series: [Month: Int64] = [:]
        for r in try await RetailMonthRecord.query(on: db).filter(\.$countyCode == county).all() {
            if let m = Month(r.month) { series[m] = r.totalFen }
        }
        return series
    }

    /// The county's months, newest first (a county has at most a few hundred: 12 a year).
    public static func months(county: String, on db: any Database) async throws -> [RetailMonthRecord] {
        try await RetailMonthRecord.query(on: db).filter(\.$countyCode == county).sort(\.$month, .descending).all()
    }

    public static func month(county: String, month: Month, on db: any Database) async throws -> RetailMonthRecord? {
        try await RetailMonthRecord.query(on: db).filter(\.$countyCode == county).filter(\.$month == month.text).first()
    }

    /// One page of a month's shop rows, largest first, and the number of rows.
    public static func shops(county: String, month: Month, page: Int, per: Int = 50, on db: any Database) async throws -> (rows: [RetailShopRecord], total: Int) {
        let q = RetailShopRecord.query(on: db).filter(\.$countyCode == county).filter(\.$month == month.text)
        let total = try await q.count()
        let rows = try await q.sort(\.$totalFen, .descending).sort(\.$shop).range(((page - 1) * per)..<(page * per)).all()
        return (rows, total)
    }

    /// A shop row by id, only inside the county (nil otherwise, so callers answer 404).
    public static func shop(_ id: UUID, county: String, on db: any Database) async throws -> RetailShopRecord? {
        try await RetailShopRecord.query(on: db).filter(\.$id == id).filter(\.$countyCode == county).first()
    }

    /// Targets of a county for a year: indicator key → value.
    public static func targets(county: String, year: Int, on db: any Database) async throws -> [String: Decimal] {
        try await targets(counties: [county], year: year, on: db)[county] ?? [:]
    }

    /// Targets of several counties in one query: county → indicator → value.
    public static func targets(counties: [String], year: Int, on db: any Database) async throws -> [String: [String: Decimal]] {
        var map: [String: [String: Decimal]] = [:]
        for t in try await StatisticsTarget.query(on: db).filter(\.$countyCode ~~ counties).filter(\.$year == year).all() {
            if let v = Decimal(string: t.value, locale: Locale(identifier: "en_US_POSIX")) { map[t.countyCode, default: [:]][t.indicator] = v }
        }
        return map
    }
}

/// 网络零售指标 — source keys `retail.*` for the latest month entered on or before a day
/// (documented in docs/statistics.md): totalFen, physicalFen, farmFen, yearToDateFen,
/// yearToDateGrowthPercent, yearOnYearPercent, monthOnMonthPercent, shops, month (yyyymm).
/// Read from the small monthly table and the platform rollups, never from shop rows.
public enum RetailIndicators {
    public static func all(county: DivisionCode, day: Day, on db: any Database) async throws -> [String: Decimal] {
        let rows = try await RetailMonthRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$month <= day.monthKey.text).all()
        var values = monthly(rows)
        guard let month = values["retail.month"].flatMap(Self.month) else { return values }
        let shops = try await RetailPlatformRollup.query(on: db).filter(\.$countyCode == county.value).filter(\.$month == month.text).all()
        if !shops.isEmpty { values["retail.shops"] = Decimal(shops.reduce(0) { $0 + $1.shops }) }
        return values
    }

    /// The keys of several counties at once (the province comparison): two queries whatever
    /// the number of counties.
    public static func all(counties: [String], day: Day, on db: any Database) async throws -> [String: [String: Decimal]] {
        let rows = try await RetailMonthRecord.query(on: db).filter(\.$countyCode ~~ counties).filter(\.$month <= day.monthKey.text).all()
        var values = Dictionary(grouping: rows, by: \.countyCode).mapValues(monthly)
        let latest = values.compactMapValues { $0["retail.month"].flatMap(Self.month)?.text }
        guard !latest.isEmpty else { return values }
        let rollups = try await RetailPlatformRollup.query(on: db).filter(\.$countyCode ~~ Array(latest.keys))
            .filter(\.$month ~~ Array(Set(latest.values))).all()
        for r in rollups where latest[r.countyCode] == r.month {
            values[r.countyCode]?["retail.shops", default: 0] += Decimal(r.shops)
        }
        return values
    }

    /// The keys computed from one county's monthly rows (all but the shop count).
    static func monthly(_ rows: [RetailMonthRecord]) -> [String: Decimal] {
        var series: [Month: Int64] = [:]
        var latest: (Month, RetailMonthRecord)?
        for r in rows {
            guard let m = Month(r.month) else { continue }
            series[m] = r.totalFen
            if latest.map({ $0.0 < m }) ?? true { latest = (m, r) }
        }
        guard let (month, row) = latest else { return [:] }
        var values: [String: Decimal] = [
            "retail.totalFen": Decimal(row.totalFen), "retail.physicalFen": Decimal(row.physicalFen), "retail.farmFen": Decimal(row.farmFen),
            "retail.month": Decimal(month.year * 100 + month.month),
        ]
        values["retail.yearToDateFen"] = Growth.yearToDate(series, month).map { Decimal($0) }
        values["retail.yearToDateGrowthPercent"] = Growth.yearToDateGrowth(series, month)
        values["retail.yearOnYearPercent"] = Growth.yearOnYear(series, month)
        values["retail.monthOnMonthPercent"] = Growth.monthOnMonth(series, month)
        return values
    }

    /// yyyymm back to a month.
    static func month(_ key: Decimal) -> Month? {
        let n = NSDecimalNumber(decimal: key).intValue
        return (1...12).contains(n % 100) ? Month(year: n / 100, month: n % 100) : nil
    }
}
