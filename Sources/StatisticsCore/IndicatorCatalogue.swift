import Foundation

/// 指标目录 — every indicator the dashboards, targets and pivots know, one entry each. Source
/// keys come from `LiveIndicators.values` (Composition), where each capability's
/// `<Cap>Indicators.all` is merged; a capability adds its indicators here by declaring them.
public enum IndicatorCatalogue {
    static let fenToWan: Decimal = Decimal(1) / 1_000_000
    static let yuanToWan: Decimal = Decimal(1) / 10_000

    public static let all: [IndicatorDefinition] = [
        // Programme (示范项目)
        IndicatorDefinition("programme.disbursedPercent", numerator: "programme.centralDisbursedFen", denominator: "programme.centralAllocatedFen",
                            scale: 100, unit: .percent),
        IndicatorDefinition("programme.allocatedWan", numerator: "programme.centralAllocatedFen", scale: fenToWan, unit: .wanYuan),
        IndicatorDefinition("programme.completionPercent", unit: .percent),
        // Service network (服务网点)
        IndicatorDefinition("network.villageCoveragePercent", numerator: "network.coveredVillages", denominator: "network.villages",
                            scale: 100, unit: .percent),
        IndicatorDefinition("network.townshipCoveragePercent", numerator: "network.townshipsWithStation", denominator: "network.townships",
                            scale: 100, unit: .percent),
        IndicatorDefinition("network.villageStationsOperating", unit: .count),
        IndicatorDefinition("network.reportingPercent", numerator: "network.reportedLastMonth", denominator: "network.expectedLastMonth",
                            scale: 100, unit: .percent),
        // Online retail (网络零售), the latest month entered
        IndicatorDefinition("retail.monthWan", numerator: "retail.totalFen", scale: fenToWan, unit: .wanYuan, period: .monthly),
        IndicatorDefinition("retail.yearToDateWan", numerator: "retail.yearToDateFen", scale: fenToWan, unit: .wanYuan, period: .monthly),
        IndicatorDefinition("retail.yearToDateGrowthPercent", unit: .percent, period: .monthly),
        IndicatorDefinition("retail.farmSharePercent", numerator: "retail.farmFen", denominator: "retail.totalFen", scale: 100, unit: .percent,
                            period: .monthly),
        IndicatorDefinition("retail.shops", unit: .count, period: .monthly),
        // Logistics service levels (物流服务水平), the 30 days up to the day, from the daily rollup
        IndicatorDefinition("logistics.withinTwoDaysPercent", unit: .percent),
        IndicatorDefinition("logistics.medianDays", unit: .count, direction: .lowerIsBetter),
        IndicatorDefinition("logistics.inboundParcels30d", unit: .count),
        IndicatorDefinition("logistics.outboundParcels30d", unit: .count),
        IndicatorDefinition("logistics.stationsWithDelivery30d", unit: .count),
        IndicatorDefinition("logistics.savingWan30d", numerator: "logistics.savingYuan30d", scale: yuanToWan, unit: .wanYuan),
        // Training (电商培训), local sessions up to the day
        IndicatorDefinition("training.sessions", unit: .count),
        IndicatorDefinition("training.personTimes", unit: .count),
        IndicatorDefinition("training.people", unit: .count),
        IndicatorDefinition("training.conversionRate", unit: .percent),
        // Live commerce (直播电商)
        IndicatorDefinition("live.events", unit: .count),
        IndicatorDefinition("live.gmvWan", numerator: "live.gmvYuan", scale: yuanToWan, unit: .wanYuan),
        IndicatorDefinition("live.rooms", unit: .count),
        IndicatorDefinition("live.anchors100k", unit: .count),
        // Products and traceability (产品与追溯)
        IndicatorDefinition("trace.products", unit: .count),
        IndicatorDefinition("trace.bestsellers", unit: .count),
        IndicatorDefinition("trace.batches", unit: .count),
        IndicatorDefinition("trace.scans", unit: .count),
        IndicatorDefinition("trace.producersOnPlatformPercent", unit: .percent),
    ]

    /// The capabilities in the order the dashboard shows their groups.
    public static let groups = ["programme", "network", "retail", "logistics", "training", "live", "trace"]

    public static func definition(_ key: String) -> IndicatorDefinition? { all.first { $0.key == key } }
}
