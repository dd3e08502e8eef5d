import Foundation

/// 单位 — how an indicator's value is shown.
public enum IndicatorUnit: String, Sendable, Codable, CaseIterable {
    case count, percent
    /// 万元 (values computed from fen).
    case wanYuan
}

/// 方向 — whether more is better (coverage, sales) or less (complaints, late deliveries).
public enum IndicatorDirection: String, Sendable, Codable {
    case higherIsBetter, lowerIsBetter
}

/// 统计周期 — a figure at a date (stations operating) or a month's flow (online retail sales).
public enum IndicatorPeriod: String, Sendable, Codable {
    case pointInTime, monthly
}

/// 指标 — declared once: a numerator and an optional denominator over source keys that any
/// capability provides (`network.coveredVillages`, `retail.totalFen`, `logistics.…`), a scale,
/// a unit, a period and a direction. A capability's indicator is added by one entry in
/// `IndicatorCatalogue.all`; nothing else changes.
public struct IndicatorDefinition: Sendable, Hashable, Codable, Identifiable {
    /// "network.villageCoveragePercent" — also the target's key.
    public var key: String
    public var numerator: String
    public var denominator: String?
    /// Multiplies numerator ÷ denominator: 100 for a percent, 1/1,000,000 for fen → 万元.
    public var scale: Decimal
    public var unit: IndicatorUnit
    public var period: IndicatorPeriod
    public var direction: IndicatorDirection
    /// The capability the numbers come from (the dashboards group by it).
    public var capability: String { String(key.prefix { $0 != "." }) }
    public var id: String { key }
    public var messageKey: String { "stats.indicator.\(key)" }

    /// `numerator` defaults to the source value of the same key (most indicators show one source as is).
    public init(_ key: String, numerator: String? = nil, denominator: String? = nil, scale: Decimal = 1, unit: IndicatorUnit,
                period: IndicatorPeriod = .pointInTime, direction: IndicatorDirection = .higherIsBetter) {
        self.key = key; self.numerator = numerator ?? key; self.denominator = denominator
        self.scale = scale; self.unit = unit; self.period = period; self.direction = direction
    }

    /// numerator × scale ÷ denominator, rounded to two decimals; nil when a source is missing or
    /// the denominator is zero (a rate of nothing is not 0 %).
    public func value(from sources: [String: Decimal]) -> Decimal? {
        guard let top = sources[numerator] else { return nil }
        guard let denominator else { return Indicators.rounded(top * scale) }
        guard let bottom = sources[denominator], bottom != 0 else { return nil }
        return Indicators.rounded(top * scale / bottom)
    }
}

/// One indicator's value against its target.
public struct IndicatorValue: Sendable, Hashable, Codable {
    public var definition: IndicatorDefinition
    public var value: Decimal?
    public var target: Decimal?

    public init(definition: IndicatorDefinition, value: Decimal?, target: Decimal?) {
        self.definition = definition; self.value = value; self.target = target
    }

    /// Value ÷ target in percent (for less-is-better: target ÷ value), capped at 999.99; nil without both.
    public var completionPercent: Decimal? {
        guard let value, let target, target != 0 else { return nil }
        let ratio = definition.direction == .higherIsBetter ? value / target : (value == 0 ? 1 : target / value)
        return min(Indicators.rounded(ratio * 100), 999.99)
    }

    /// Whether the target is reached (nil without a target or value).
    public var met: Bool? {
        guard let value, let target else { return nil }
        return definition.direction == .higherIsBetter ? value >= target : value <= target
    }
}

/// Shared arithmetic of indicators.
public enum Indicators {
    /// Rounded half-up (away from zero) to `scale` decimals, as rates are reported (70.44).
    public static func rounded(_ value: Decimal, scale: Int = 2) -> Decimal {
        var exact = value, result = Decimal()
        NSDecimalRound(&result, &exact, scale, .plain)
        return result
    }

    /// Every declared indicator evaluated over `sources`, with targets by key.
    public static func evaluate(_ definitions: [IndicatorDefinition] = IndicatorCatalogue.all, sources: [String: Decimal],
                                targets: [String: Decimal] = [:]) -> [IndicatorValue] {
        definitions.map { IndicatorValue(definition: $0, value: $0.value(from: sources), target: targets[$0.key]) }
    }

    /// Text of a value in its unit ("70.44%", "1,234.56", "120").
    public static func text(_ value: Decimal?, unit: IndicatorUnit) -> String {
        guard let value else { return "—" }
        let number = NSDecimalNumber(decimal: value)
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSize = 3
        formatter.minimumFractionDigits = unit == .count ? 0 : 2
        formatter.maximumFractionDigits = 2
        let text = formatter.string(from: number) ?? "\(value)"
        return unit == .percent ? text + "%" : text
    }
}
