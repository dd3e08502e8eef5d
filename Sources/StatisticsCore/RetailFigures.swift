import Foundation
import XiangcunKit

/// 网络零售额 — a county's online retail figures for one month, in fen.
public struct RetailFigures: Sendable, Hashable, Codable {
    /// 网络零售额
    public var total: Money
    /// 实物商品网络零售额
    public var physical: Money
    /// 农产品网络零售额
    public var farm: Money

    public init(total: Money, physical: Money, farm: Money) { self.total = total; self.physical = physical; self.farm = farm }
}

/// 合理性校验 — rules a month's figures must pass, and jumps that need confirmation.
public enum RetailPlausibility {
    /// A month more than this many percent above or below the month before or the same month a
    /// year earlier needs confirmation (online retail swings with festivals, not by half).
    public static let boundPercent: Decimal = 50

    public enum Warning: Sendable, Hashable, Codable {
        /// (percent change, the month compared with)
        case jumpFromPreviousMonth(Decimal, Month)
        case jumpFromLastYear(Decimal, Month)
    }

    /// Hard errors by field: parts larger than the whole. Field keys as in the form.
    public static func errors(_ f: RetailFigures) -> [String: String] {
        var errors: [String: String] = [:]
        if f.physical > f.total { errors["physical"] = "stats.retail.error.partOverTotal" }
        if f.farm > f.total { errors["farm"] = "stats.retail.error.partOverTotal" }
        for (name, value) in [("total", f.total), ("physical", f.physical), ("farm", f.farm)] where value.fen < 0 {
            errors[name] = "error.money.wan"
        }
        return errors
    }

    /// Jumps or drops beyond the bound against the previous month and the same month last year.
    public static func warnings(_ f: RetailFigures, month: Month, series: [Month: Int64]) -> [Warning] {
        var found: [Warning] = []
        let lastYear = Month(year: month.year - 1, month: month.month)
        if let change = Growth.percent(f.total.fen, over: series[month.previous]), abs(change) > boundPercent {
            found.append(.jumpFromPreviousMonth(change, month.previous))
        }
        if let change = Growth.percent(f.total.fen, over: series[lastYear]), abs(change) > boundPercent {
            found.append(.jumpFromLastYear(change, lastYear))
        }
        return found
    }
}
