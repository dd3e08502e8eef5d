import Composition
import Documents
import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// Who reads statistics and what they may change: the county in view (a province viewer's
/// chosen county), read by `readStatistics` roles, edited by `editStatistics` roles.
struct StatisticsViewer: Sendable {
    let county: DivisionCode
    let canEdit: Bool

    /// The viewer of the county in view; with `edit`, only for roles that edit (403 before anything else).
    static func of(_ req: Request, edit: Bool = false) throws -> StatisticsViewer {
        let user = try req.require(edit ? .editStatistics : .readStatistics)
        return StatisticsViewer(county: try req.requireCounty(), canEdit: user.userRole.can(.editStatistics))
    }
}

/// Parts shared by the statistics pages.
enum StatisticsViews {
    static func subnav(_ chrome: PageChrome, current: String, canEdit: Bool, province: Bool) -> Node {
        var items: [(String, String)] = [(SiteURL.section(.statistics).path, "stats.dashboard"), (SiteURL.statistics(.retail).path, "stats.retail"),
                                         (SiteURL.statistics(.pivot).path, "stats.pivot"), (SiteURL.statistics(.wall).path, "stats.wall")]
        if province { items.insert((SiteURL.statistics(.province).path, "stats.province"), at: 0) }
        if canEdit { items.append((SiteURL.statistics(.retailImport).path, "stats.retail.import")) }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("stats.title")]) {
            for (href, key) in items { el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) } }
        }
    }

    /// Where the rows behind an indicator are listed.
    static func rowsLink(_ key: String) -> String {
        switch key.prefix(while: { $0 != "." }) {
        case "programme": return key.contains("disbursed") || key.contains("allocated") ? SiteURL.programmeFunds.path : SiteURL.programmeTasks.path
        case "network":
            if key.contains("reporting") { return SiteURL.networkReporting.path }
            return key.contains("Stations") ? SiteURL.networkFacilities.path + "?type=villageStation" : SiteURL.section(.network).path + "#coverage"
        case "retail": return SiteURL.statistics(.retail).path
        case "logistics": return SiteURL.logistics(.stats).path
        case "training": return SiteURL.section(.training).path
        case "live":
            if key.contains("anchors") { return SiteURL.commerce(.liveAnchors).path }
            return key.contains("rooms") ? SiteURL.commerce(.liveBases).path : SiteURL.commerce(.liveEvents).path
        case "trace": return traceLink(key)
        default: return SiteURL.section(.statistics).path
        }
    }

    static func traceLink(_ key: String) -> String {
        if key.contains("scans") { return SiteURL.trace(.scans).path }
        if key.contains("batches") { return SiteURL.trace(.batches).path }
        return key.contains("producers") ? SiteURL.trace(.producers).path : SiteURL.trace(.catalogue).path
    }

    /// A value with its unit; money of 10,000 万元 or more in 亿元, so that it fits a card.
    static func valueText(_ v: IndicatorValue) -> String { valueText(v.value, unit: v.definition.unit) }

    static func valueText(_ value: Decimal?, unit: IndicatorUnit) -> String {
        guard unit == .wanYuan, let value else { return Indicators.text(value, unit: unit) }
        if abs(value) >= 10_000 { return Indicators.text(Indicators.rounded(value / 10_000), unit: .wanYuan) + " 亿元" }
        return Indicators.text(Indicators.rounded(value, scale: 0), unit: .count) + " 万元"
    }

    /// The cards grouped by the capability the numbers come from, a heading each; a group
    /// without any value or target (a ledger the county does not keep) is left out.
    static func groupedCards(_ chrome: PageChrome, _ values: [IndicatorValue]) -> Node {
        let groups = IndicatorCatalogue.groups.map { group in
            (group, values.filter { $0.definition.capability == group && ($0.value != nil || $0.target != nil) })
        }
        return el("div", ["class": "stats-groups"]) {
            for (group, shown) in groups where !shown.isEmpty {
                el("section", ["id": "group-" + group]) {
                    el("h2") { chrome.t("stats.group." + group) }
                    cards(chrome, shown)
                }
            }
        }
    }

    /// One card per indicator with a value or a target: the value, the target and how far it is reached.
    static func cards(_ chrome: PageChrome, _ values: [IndicatorValue]) -> Node {
        el("div", ["class": "cards"]) {
            for v in values where v.value != nil || v.target != nil {
                let sub = v.target.map { chrome.t("stats.target", valueText($0, unit: v.definition.unit))
                    + (v.completionPercent.map { " · " + chrome.t("stats.reached", Indicators.text($0, unit: .percent)) } ?? "") }
                Cards.figure(valueText(v), label: chrome.t(v.definition.messageKey), sub: sub, link: rowsLink(v.definition.key), warn: v.met == false)
            }
        }
    }

    static func wan(_ fen: Int64?) -> Double? { fen.map { Double($0) / 1_000_000 } }

    /// Monthly online retail (万元): total and farm products, 24 months.
    static func trendChart(_ chrome: PageChrome, _ s: CountyStatistics, width: Double = 720) -> String {
        SVG.lineChart(title: chrome.t("stats.chart.trend"), labels: s.months.map { "\($0.month.year % 100)/\($0.month.month)" },
                      series: [SVG.Series(chrome.t("stats.retail.total"), s.months.map { wan($0.figures?.total.fen) }),
                               SVG.Series(chrome.t("stats.retail.farm"), s.months.map { wan($0.figures?.farm.fen) })],
                      format: .number(decimals: 0, unit: ""), width: width)
    }

    /// Sales by platform in the latest month with shop rows (万元).
    static func platformChart(_ chrome: PageChrome, _ s: CountyStatistics) -> String? {
        guard let month = s.platforms.first?.month else { return nil }
        return SVG.horizontalBarChart(title: chrome.t("stats.chart.platforms", month),
                                      bars: s.platforms.sorted { $0.totalFen > $1.totalFen }.map {
                                          SVG.Bar($0.platform, wan($0.totalFen) ?? 0, valueLabel: Indicators.text(Indicators.rounded(Decimal($0.totalFen) / 1_000_000), unit: .wanYuan))
                                      })
    }

    /// Village coverage by township (the coverage map's table), each linked to its facilities.
    static func townships(_ chrome: PageChrome, _ s: CountyStatistics) -> Node {
        el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") {
                    el("th") { chrome.t("stats.township") }; el("th") { chrome.t("stats.villages") }
                    el("th") { chrome.t("stats.coveredVillages") }; el("th") { chrome.t("stats.coverage") }
                } }
                el("tbody") {
                    for t in s.coverage.townships {
                        el("tr") {
                            el("td") { el("a", ["href": SiteURL.networkFacilities.path + "?township=" + t.code]) { t.name } }
                            el("td", ["class": "num"]) { "\(t.villages)" }; el("td", ["class": "num"]) { "\(t.coveredVillages)" }
                            el("td", ["class": "num"]) { t.rate?.percentText ?? "—" }
                        }
                    }
                }
            }
        }
    }
}
