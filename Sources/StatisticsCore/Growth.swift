import Foundation
import XiangcunKit

/// 同比 / 环比 — growth of a monthly series, in percent rounded half-up to two decimals.
public enum Growth {
    /// (current − base) ÷ base × 100; nil when there is no base or it is zero.
    public static func percent(_ current: Int64?, over base: Int64?) -> Decimal? {
        guard let current, let base, base != 0 else { return nil }
        return Indicators.rounded(Decimal(current - base) * 100 / Decimal(base))
    }

    /// 同比: the month against the same month a year earlier.
    public static func yearOnYear(_ series: [Month: Int64], _ month: Month) -> Decimal? {
        percent(series[month], over: series[Month(year: month.year - 1, month: month.month)])
    }

    /// 环比: the month against the month before.
    public static func monthOnMonth(_ series: [Month: Int64], _ month: Month) -> Decimal? {
        percent(series[month], over: series[month.previous])
    }

    /// Sum of January through `month` of its year (累计).
    public static func yearToDate(_ series: [Month: Int64], _ month: Month) -> Int64? {
        let months = (1...month.month).map { Month(year: month.year, month: $0) }
        let values = months.compactMap { series[$0] }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// 累计同比: year to date against the same months a year earlier (only months present in both).
    public static func yearToDateGrowth(_ series: [Month: Int64], _ month: Month) -> Decimal? {
        let pairs = (1...month.month).compactMap { m -> (Int64, Int64)? in
            guard let now = series[Month(year: month.year, month: m)], let then = series[Month(year: month.year - 1, month: m)] else { return nil }
            return (now, then)
        }
        guard !pairs.isEmpty else { return nil }
        return percent(pairs.reduce(0) { $0 + $1.0 }, over: pairs.reduce(0) { $0 + $1.1 })
    }
}
