import Foundation
import StatisticsCore
import Testing
import XiangcunKit

/// Indicator arithmetic, growth and plausibility, without a database.
@Suite("Statistics core")
struct StatisticsCoreTests {
    func month(_ text: String) throws -> Month { try #require(Month(text)) }

    @Test func aRateIsNumeratorTimesScaleOverDenominatorRoundedHalfUp() throws {
        let coverage = try #require(IndicatorCatalogue.definition("network.villageCoveragePercent"))
        #expect(coverage.value(from: ["network.coveredVillages": 143, "network.villages": 203]) == Decimal(string: "70.44"))
        #expect(coverage.value(from: ["network.coveredVillages": 1, "network.villages": 8]) == Decimal(string: "12.5"))
        // 2/3 = 66.666… → 66.67; a zero or missing denominator has no rate rather than 0 %.
        #expect(coverage.value(from: ["network.coveredVillages": 2, "network.villages": 3]) == Decimal(string: "66.67"))
        #expect(coverage.value(from: ["network.coveredVillages": 0, "network.villages": 0]) == nil)
        #expect(coverage.value(from: ["network.villages": 10]) == nil)
        let wan = try #require(IndicatorCatalogue.definition("retail.monthWan"))
        #expect(wan.value(from: ["retail.totalFen": 310_000_000_000]) == 310_000)  // 31 亿元
    }

    @Test func completionAgainstTargetFollowsTheDirection() throws {
        let up = IndicatorDefinition("x.up", numerator: "a", unit: .percent)
        let down = IndicatorDefinition("x.down", numerator: "a", unit: .count, direction: .lowerIsBetter)
        #expect(IndicatorValue(definition: up, value: 45, target: 60).completionPercent == 75)
        #expect(IndicatorValue(definition: up, value: 45, target: 60).met == false)
        #expect(IndicatorValue(definition: down, value: 4, target: 2).completionPercent == 50)
        #expect(IndicatorValue(definition: down, value: 2, target: 2).met == true)
        #expect(IndicatorValue(definition: up, value: nil, target: 60).completionPercent == nil)
    }

    @Test func everyDeclaredIndicatorHasAUniqueKeyAndAMessage() {
        let keys = IndicatorCatalogue.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(IndicatorCatalogue.all.allSatisfy { !$0.capability.isEmpty && $0.messageKey.hasPrefix("stats.indicator.") })
    }

    @Test func growthYearOnYearMonthOnMonthAndYearToDate() throws {
        let series: [Month: Int64] = [try month("2025-01"): 100, try month("2025-02"): 200, try month("2026-01"): 118, try month("2026-02"): 177]
        #expect(Growth.yearOnYear(series, try month("2026-02")) == Decimal(string: "-11.5"))
        #expect(Growth.monthOnMonth(series, try month("2026-02")) == Decimal(string: "50"))
        #expect(Growth.yearToDate(series, try month("2026-02")) == 295)
        // (118 + 177) / (100 + 200) − 1 = −1.67 %
        #expect(Growth.yearToDateGrowth(series, try month("2026-02")) == Decimal(string: "-1.67"))
        #expect(Growth.yearOnYear(series, try month("2025-02")) == nil)
        #expect(Growth.percent(5, over: 0) == nil)
    }

    @Test func plausibilityRefusesPartsOverTheTotalAndFlagsJumps() throws {
        let bad = RetailFigures(total: Money(fen: 100), physical: Money(fen: 101), farm: Money(fen: 20))
        #expect(RetailPlausibility.errors(bad).keys.sorted() == ["physical"])
        let series: [Month: Int64] = [try month("2026-03"): 1_000, try month("2025-04"): 1_000]
        let jump = RetailFigures(total: Money(fen: 1_600), physical: Money(fen: 1_000), farm: Money(fen: 100))
        let warnings = RetailPlausibility.warnings(jump, month: try month("2026-04"), series: series)
        #expect(warnings == [.jumpFromPreviousMonth(60, try month("2026-03")), .jumpFromLastYear(60, try month("2025-04"))])
        let steady = RetailFigures(total: Money(fen: 1_400), physical: Money(fen: 1_000), farm: Money(fen: 100))
        #expect(RetailPlausibility.warnings(steady, month: try month("2026-04"), series: series).isEmpty)
    }

    @Test func aPivotHasOneRowPerAreaAndOneColumnPerMonth() throws {
        let months = PivotTable.months(from: try month("2025-11"), to: try month("2026-02"))
        #expect(months.map(\.text) == ["2025-11", "2025-12", "2026-01", "2026-02"])
        let def = try #require(IndicatorCatalogue.definition("retail.monthWan"))
        let pivot = PivotTable(indicator: def, title: "t", months: months, areas: [.init(code: "331123", name: "遂昌县"), .init(code: "331124", name: "松阳县")]) { code, m in
            code == "331123" && m.month == 1 ? 12.5 : nil
        }
        #expect(pivot.textRows == [["331123", "遂昌县", "", "", "12.5", ""], ["331124", "松阳县", "", "", "", ""]])
        #expect(pivot.header(codeLabel: "代码", areaLabel: "地区").count == 6)
    }

    @Test func theCountyMapIsOneTilePerCountyWithoutScript() {
        let svg = CountyGridMap.svg(title: "覆盖率", tiles: [.init(name: "遂昌县", value: 70, label: "70%", link: "/x?a=1&b=2"), .init(name: "<b>", value: nil, label: "—")])
        #expect(svg.contains("遂昌县") && svg.contains("&lt;b&gt;") && svg.contains("a=1&amp;b=2"))
        #expect(!svg.contains("<script"))
    }
}
