import Audit
import FluentKit
import Foundation
import StatisticsCore
import XiangcunKit

/// 示例数据 — online retail months for the demo county and four sample counties of its city, so
/// the dashboards and the province comparison have something to show. Every row is marked
/// sample (示例); figures are invented with a seasonal pattern (the Double-11 peak) and a yearly
/// growth. Loading twice changes nothing: a county that already has months is left alone.
public enum StatisticsDemo {
    struct County {
        let code: String
        /// 万元 in an ordinary month of the first year.
        let base: Double
        /// Growth per year, e.g. 0.19.
        let growth: Double
    }

    static let counties = [
        County(code: "331123000000", base: 21_000, growth: 0.19),
        County(code: "331124000000", base: 12_500, growth: 0.24),
        County(code: "331125000000", base: 6_200, growth: 0.09),
        County(code: "331181000000", base: 16_800, growth: 0.15),
        County(code: "331121000000", base: 23_000, growth: -0.03),
    ]
    /// Month factors: the spring festival dip, the 618 and Double-11 peaks.
    static let season = [1.0, 0.78, 0.95, 0.97, 1.0, 1.12, 0.96, 0.95, 1.0, 1.02, 1.34, 1.18]
    static let platforms = ["淘宝", "天猫", "拼多多", "抖音", "京东", "快手"]
    static let shops = [("遂昌菇乡农业有限公司", "菇乡旗舰店"), ("遂昌竹炭工贸有限公司", "竹炭生活馆"), ("遂昌县土特产合作社", "遂昌山货"),
                        ("浙江汤显祖茶业有限公司", "汤公茶"), ("遂昌长粽食品有限公司", "长粽老铺"), ("遂昌番薯干专业合作社", "金番薯")]

    public static func load(through last: Month, on db: any Database) async throws {
        let actor = AuditActor.cli("demo")
        let first = Month(year: last.year - 2, month: 1)
        for county in counties where try await RetailMonthRecord.query(on: db).filter(\.$countyCode == county.code).count() == 0 {
            var m = first
            while m <= last {
                let wan = county.base * season[m.month - 1] * pow(1 + county.growth, Double(m.year - first.year)) * wobble(county.code, m)
                let total = Money(fen: Int64(wan.rounded()) * 1_000_000)
                let figures = RetailFigures(total: total, physical: Money(fen: total.fen / 100 * 91), farm: Money(fen: total.fen / 100 * 26))
                _ = try await RetailService.saveMonth(county: county.code, month: m, figures: figures, note: "示例数据", confirmed: true, sample: true,
                                                      actor: actor, on: db)
                m = m.next
            }
            if county.code == counties[0].code { try await loadShops(county: county.code, through: last, actor: actor, on: db) }
        }
        try await loadTargets(county: counties[0].code, year: last.next.year, actor: actor, on: db)
    }

    /// ±4 % that is the same on every load.
    static func wobble(_ code: String, _ m: Month) -> Double {
        let seed = (Int(code.prefix(6)) ?? 0) &* 31 &+ m.year &* 12 &+ m.month
        return 0.96 + Double((seed &* 2_654_435_761) % 800) / 10_000
    }

    /// Shop rows by platform for the last twelve months of the demo county.
    static func loadShops(county: String, through last: Month, actor: AuditActor, on db: any Database) async throws {
        var rows: [ShopInput] = []
        var m = last
        for _ in 0..<12 {
            for (i, (enterprise, shop)) in shops.enumerated() {
                for (j, platform) in platforms.enumerated() where (i + j) % 3 != 1 {
                    let wan = Double(40 + (i * 37 + j * 53 + m.month * 11) % 260) * season[m.month - 1]
                    let total = Money(fen: Int64(wan * 100) * 10_000)
                    rows.append(ShopInput(month: m, enterprise: enterprise + "（示例）", shop: shop, platform: platform, total: total,
                                          farm: Money(fen: total.fen / 10 * (i == 1 ? 0 : 8))))
                }
            }
            m = m.previous
        }
        try await RetailService.replaceShops(county: county, rows: rows, sample: true, actor: actor, on: db)
    }

    /// The seeds' targets: ≥ 18 % growth, 60 % of villages covered, all central funds disbursed.
    static func loadTargets(county: String, year: Int, actor: AuditActor, on db: any Database) async throws {
        guard try await StatisticsTarget.query(on: db).filter(\.$countyCode == county).count() == 0 else { return }
        for (key, value) in [("retail.yearToDateGrowthPercent", Decimal(18)), ("network.villageCoveragePercent", 60), ("programme.disbursedPercent", 100),
                             ("retail.yearToDateWan", 310_000)] {
            try await RetailService.setTarget(county: county, year: year, indicator: key, value: value, actor: actor, on: db)
        }
    }
}
