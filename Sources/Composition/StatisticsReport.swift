import Divisions
import FluentKit
import Foundation
import Statistics
import StatisticsCore
import XiangcunKit

/// 网络零售统计报表 — the monthly online retail figures of one county or every county of a
/// province with growth, for `report statistics`, the API and downloads (CSV, XLSX, JSON).
public enum StatisticsReport {
    public struct Row: Sendable, Codable, Hashable {
        public var county: String
        public var countyName: String
        public var month: String
        /// 万元, exact decimal text.
        public var totalWan: String
        public var physicalWan: String
        public var farmWan: String
        public var yearOnYearPercent: String?
        public var monthOnMonthPercent: String?
        public var yearToDateWan: String?
        public var yearToDateGrowthPercent: String?
        public var sample: Bool
    }

    public static let header = ["县代码", "县", "月份", "网络零售额（万元）", "实物商品（万元）", "农产品（万元）", "同比（%）", "环比（%）",
                                "累计（万元）", "累计同比（%）", "示例"]

    public static func rows(counties: [Division], from: Month, to: Month, on db: any Database) async throws -> [Row] {
        var rows: [Row] = []
        for county in counties {
            guard let code = county.id else { continue }
            let records = try await RetailQueries.months(county: code, on: db)
            var series: [Month: Int64] = [:]
            for r in records { if let m = Month(r.month) { series[m] = r.totalFen } }
            for r in records.reversed() {
                guard let m = Month(r.month), m >= from, m <= to else { continue }
                rows.append(Row(county: code, countyName: county.name, month: r.month, totalWan: Money(fen: r.totalFen).wanYuanText,
                                physicalWan: Money(fen: r.physicalFen).wanYuanText, farmWan: Money(fen: r.farmFen).wanYuanText,
                                yearOnYearPercent: Growth.yearOnYear(series, m).map { "\($0)" }, monthOnMonthPercent: Growth.monthOnMonth(series, m).map { "\($0)" },
                                yearToDateWan: Growth.yearToDate(series, m).map { Money(fen: $0).wanYuanText },
                                yearToDateGrowthPercent: Growth.yearToDateGrowth(series, m).map { "\($0)" }, sample: r.sample))
            }
        }
        return rows
    }

    public static func textRows(_ rows: [Row]) -> [[String]] {
        rows.map { [$0.county, $0.countyName, $0.month, $0.totalWan, $0.physicalWan, $0.farmWan, $0.yearOnYearPercent ?? "", $0.monthOnMonthPercent ?? "",
                    $0.yearToDateWan ?? "", $0.yearToDateGrowthPercent ?? "", $0.sample ? "示例" : ""] }
    }

    /// The counties a scope names: one county, or the counties of a province with data.
    public static func counties(county: DivisionCode?, province: DivisionCode?, on db: any Database) async throws -> [Division] {
        if let county { return try await Division.find(county.value, on: db).map { [$0] } ?? [] }
        if let province { return try await ProvinceStatistics.counties(province: province, on: db) }
        return []
    }
}
