import Composition
import Divisions
import Documents
import Foundation
import StatisticsCore
import Vapor
import XiangcunKit

/// 大屏 — the centre's wall display: the county's headline numbers in very large type, the
/// monthly trend and coverage by township, on a dark background. Refreshes itself every five
/// minutes with a meta refresh (no script), loads nothing from outside, so it runs offline on
/// the centre's network.
enum WallPage {
    static let refreshSeconds = 300
    /// The headline figures, in order.
    static let headline = ["retail.yearToDateWan", "retail.yearToDateGrowthPercent", "retail.monthWan", "network.villageCoveragePercent",
                           "network.villageStationsOperating", "programme.disbursedPercent", "programme.completionPercent",
                           "logistics.withinTwoDaysPercent"]

    struct Model: Sendable {
        var stats: CountyStatistics
        var updated: String
    }

    static func load(_ req: Request) async throws -> Model {
        let viewer = try StatisticsViewer.of(req)
        guard let county = try await Division.find(viewer.county.value, on: req.db) else { throw Abort(.notFound) }
        let stats = try await CountyStatistics.load(county, on: req.db)
        return Model(stats: stats, updated: Beijing.format(Date()))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let s = m.stats
        let doc = el("html", ["lang": chrome.context.language.htmlTag]) {
            el("head") {
                el("meta", ["charset": "utf-8"])
                el("meta", ["http-equiv": "refresh", "content": "\(refreshSeconds)"])
                el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                el("title") { chrome.t("stats.wall.title", s.county.name) }
                el("link", ["rel": "stylesheet", "href": SiteURL.statistics(.wallStyle).path])
            }
            el("body", ["class": "wall"]) {
                el("header") {
                    el("h1") { chrome.t("stats.wall.title", s.county.name) }
                    el("p") {
                        chrome.t("stats.wall.updated", m.updated) + " · "
                        el("a", ["href": SiteURL.section(.statistics).path]) { chrome.t("stats.wall.exit") }
                    }
                }
                el("section", ["class": "big"]) {
                    for key in headline {
                        if let v = s.indicator(key), v.value != nil {
                            el("div", ["class": v.met == false ? "figure behind" : "figure"]) {
                                el("div", ["class": "value"]) { StatisticsViews.valueText(v) }
                                el("div", ["class": "label"]) { chrome.t(v.definition.messageKey) }
                                if let t = v.target { el("div", ["class": "target"]) { chrome.t("stats.target", StatisticsViews.valueText(t, unit: v.definition.unit)) } }
                            }
                        }
                    }
                }
                el("section", ["class": "charts"]) {
                    el("figure") { Node.raw(StatisticsViews.trendChart(chrome, s, width: 900)) }
                    el("figure") { Node.raw(coverageChart(chrome, s)) }
                }
            }
        }
        return "<!doctype html>\n" + doc.html
    }

    /// Village coverage by township against the 60 % line.
    static func coverageChart(_ chrome: PageChrome, _ s: CountyStatistics) -> String {
        SVG.horizontalBarChart(title: chrome.t("stats.byTownship"),
                               bars: s.coverage.townships.map { t in
                                   SVG.Bar(t.name, t.rate.map { Double($0.hundredthsOfPercent) / 100 } ?? 0, valueLabel: t.rate?.percentText ?? "—")
                               }, format: .percent(decimals: 0), target: 60, targetLabel: "60%", maximum: 100, width: 900)
    }

    /// Large light-on-dark type, readable across a room; the grid folds on a narrow screen.
    static let css = """
    html,body{margin:0;background:#0b1220;color:#e5e7eb;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
    body.wall{padding:2vh 2vw;min-height:100vh;box-sizing:border-box}
    .wall header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:1vw}
    .wall h1{font-size:clamp(28px,3.4vw,64px);margin:0;color:#fff}
    .wall header p{font-size:clamp(14px,1.2vw,22px);color:#9ca3af;margin:0}.wall a{color:#93c5fd}
    .wall .big{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1.5vw;margin:3vh 0}
    .wall .figure{background:#111a2e;border:1px solid #1f2a44;border-radius:12px;padding:2vh 1.2vw}
    .wall .value{font-size:clamp(32px,3.6vw,76px);font-weight:700;color:#34d399;line-height:1.1;white-space:nowrap}
    .wall .behind .value{color:#fbbf24}
    .wall .label{font-size:clamp(16px,1.5vw,28px);color:#e5e7eb;margin-top:.6vh}
    .wall .target{font-size:clamp(14px,1.1vw,22px);color:#9ca3af}
    .wall .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1.5vw;align-items:start}
    .wall figure{margin:0;background:#f9fafb;border-radius:12px;padding:1vh}.wall svg{width:100%;height:auto}
    """
}
