import Foundation

/// 指标目录 — every indicator the dashboards, targets and pivots know, one entry each. Source
/// keys come from `LiveIndicators.values` (Composition), where each capability's
/// `<Cap>Indicators.all` is merged; a capability adds its indicators here by declaring them.
public enum IndicatorCatalogue {
    static let fenToWan: Decimal = Decimal(1) / 1_000_000

    public static let all: [IndicatorDefinition] = [
        // Programme (示范项目)
        IndicatorDefinition("programme.disbursedPercent", numerator: "programme.centralDisbursedFen", denominator: "programme.centralAllocatedFen",
                            scale: 100, unit: .percent),
        IndicatorDefinition("programme.allocatedWan", numerator: "programme.centralAllocatedFen", scale: fenToWan, unit: .wanYuan),
        IndicatorDefinition("programme.completionPercent", numerator: "programme.completionPercent", unit: .percent),
        // Service network (服务网点)
        IndicatorDefinition("network.villageCoveragePercent", numerator: "network.coveredVillages", denominator: "network.villages",
                            scale: 100, unit: .percent),
        IndicatorDefinition("network.townshipCoveragePercent", numerator: "network.townshipsWithStation", denominator: "network.townships",
                            scale: 100, unit: .percent),
        IndicatorDefinition("network.villageStationsOperating", numerator: "network.villageStationsOperating", unit: .count),
        IndicatorDefinition("network.reportingPercent", numerator: "network.reportedLastMonth", denominator: "network.expectedLastMonth",
                            scale: 100, unit: .percent),
        // Online retail (网络零售), the latest month entered
        IndicatorDefinition("retail.monthWan", numerator: "retail.totalFen", scale: fenToWan, unit: .wanYuan, period: .monthly),
        IndicatorDefinition("retail.yearToDateWan", numerator: "retail.yearToDateFen", scale: fenToWan, unit: .wanYuan, period: .monthly),
        IndicatorDefinition("retail.yearToDateGrowthPercent", numerator: "retail.yearToDateGrowthPercent", unit: .percent, period: .monthly),
        IndicatorDefinition("retail.farmSharePercent", numerator: "retail.farmFen", denominator: "retail.totalFen", scale: 100, unit: .percent,
                            period: .monthly),
        IndicatorDefinition("retail.shops", numerator: "retail.shops", unit: .count, period: .monthly),
    ]

    public static func definition(_ key: String) -> IndicatorDefinition? { all.first { $0.key == key } }
}
