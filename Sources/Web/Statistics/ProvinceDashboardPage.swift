import Accounts
import Composition
import Divisions
import Foundation
import StatisticsCore
import Vapor
import XiangcunKit

/// 全省统计 — for province viewers: every county of the province with data side by side, ranked
/// by the indicator chosen, on a grid map of counties; each county opens its own dashboard.
/// Only counties inside the viewer's scope are read.
enum ProvinceDashboardPage {
    /// The columns, in order; the first is the default ranking.
    static let columns = ProvinceStatistics.columns

    struct Model: Sendable {
        var province: Division
        var rows: [ProvinceStatistics.Row]
        var rankBy: IndicatorDefinition
        var day: Day
    }

    /// The province of the viewer's scope (system administrators: `?province=` or the county in view's).
    static func province(_ req: Request) throws -> DivisionCode {
        let user = try req.require(.readStatistics)
        switch user.scope {
        case .province(let p): return p
        case .county: throw Abort(.forbidden)
        case .everything:
            if let text = req.query[String.self, at: "province"], let p = try? DivisionCode(text), p.level == .province { return p }
            guard let county = req.context.county else { throw Abort(.notFound) }
            return county.province
        }
    }

    static func load(_ req: Request) async throws -> Model {
        let code = try province(req)
        guard let province = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        let day = try req.queryDay("asOf") ?? .today()
        let key = req.query[String.self, at: "by"].flatMap { k in columns.contains(k) ? k : nil } ?? columns[0]
        guard let rankBy = IndicatorCatalogue.definition(key) else { throw Abort(.notFound) }
        let rows = try await ProvinceStatistics.rows(province: code, day: day, on: req.db)
        return Model(province: province, rows: ranked(rows, by: rankBy), rankBy: rankBy, day: day)
    }

    /// Best first by the indicator's direction; counties without a value last, by code.
    static func ranked(_ rows: [ProvinceStatistics.Row], by d: IndicatorDefinition) -> [ProvinceStatistics.Row] {
        rows.sorted { a, b in
            switch (a.value(d.key), b.value(d.key)) {
            case let (x?, y?) where x != y: return d.direction == .higherIsBetter ? x > y : x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.county.id ?? "") < (b.county.id ?? "")
            }
        }
    }

    static func drill(_ county: Division) -> String {
        SiteURL.selectCounty.path + "?county=" + (county.id ?? "") + "&next=" + SiteURL.section(.statistics).path
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.province.title", m.province.name)) {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.province).path, canEdit: false, province: true)
            el("p", ["class": "muted"]) { chrome.t("stats.province.hint", "\(m.rows.count)", m.day.iso) }
            if m.rows.isEmpty { el("p", ["class": "panel"]) { chrome.t("stats.province.none") } } else {
                el("figure", ["class": "panel"]) { Node.raw(map(chrome, m)) }
                table(chrome, m)
            }
        }
    }

    static func map(_ chrome: PageChrome, _ m: Model) -> String {
        let tiles = m.rows.sorted { ($0.county.id ?? "") < ($1.county.id ?? "") }.map { r in
            let v = r.value(m.rankBy.key)
            return CountyGridMap.Tile(name: r.county.name, value: v.map { NSDecimalNumber(decimal: $0).doubleValue },
                                      label: StatisticsViews.valueText(v, unit: m.rankBy.unit), link: drill(r.county))
        }
        return CountyGridMap.svg(title: chrome.t("stats.province.map", chrome.t(m.rankBy.messageKey)), tiles: tiles)
    }

    static func table(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div", ["class": "table-wrap"]) {
            el("table", ["class": "compare"]) {
                el("thead") { el("tr") {
                    el("th") { chrome.t("stats.rank") }; el("th") { chrome.t("stats.county") }
                    for key in columns {
                        el("th") {
                            key == m.rankBy.key ? Node.text(chrome.t("stats.indicator." + key) + " ▼")
                                : el("a", ["href": SiteURL.statistics(.province).path + "?by=" + key]) { chrome.t("stats.indicator." + key) }
                        }
                    }
                } }
                el("tbody") {
                    for (i, r) in m.rows.enumerated() {
                        el("tr") {
                            el("td", ["class": "num"]) { r.value(m.rankBy.key) == nil ? "—" : "\(i + 1)" }
                            el("td") {
                                el("a", ["href": drill(r.county)]) { r.county.name }
                                if r.sample { el("span", ["class": "muted small"]) { chrome.t("stats.sample") } }
                            }
                            for key in columns {
                                let v = r.indicators.first { $0.definition.key == key }
                                el("td", ["class": "num"]) { v.map(StatisticsViews.valueText) ?? "—" }
                            }
                        }
                    }
                }
            }
        }
    }
}
