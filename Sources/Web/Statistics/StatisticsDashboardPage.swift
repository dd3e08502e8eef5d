import Composition
import Divisions
import Documents
import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// 统计监测 — the county dashboard: every indicator with its target, the monthly online retail
/// trend, sales by platform, coverage by township; every number links to the rows behind it.
/// County administrators set the year's targets here.
enum StatisticsDashboardPage {
    struct Model: Sendable {
        var stats: CountyStatistics
        var canEdit: Bool
        var province: Bool
        var form: FormState
    }

    static func load(_ req: Request, form: FormState = FormState()) async throws -> Model {
        let viewer = try StatisticsViewer.of(req)
        guard let county = try await Division.find(viewer.county.value, on: req.db) else { throw Abort(.notFound) }
        let stats = try await CountyStatistics.load(county, day: try req.queryDay("asOf") ?? .today(), on: req.db)
        var form = form
        if form.values["year"] == nil { form.values["year"] = "\(stats.day.year)" }
        return Model(stats: stats, canEdit: viewer.canEdit, province: req.context.user?.userRole == .provinceViewer, form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let s = m.stats
        return Layout.page(chrome, title: chrome.t("stats.title")) {
            StatisticsViews.subnav(chrome, current: SiteURL.section(.statistics).path, canEdit: m.canEdit, province: m.province)
            el("p", ["class": "muted"]) { chrome.t("stats.asOf", s.day.iso) }
            StatisticsViews.groupedCards(chrome, s.indicators)
            el("div", ["class": "charts"]) {
                el("figure", ["class": "panel"]) { Node.raw(StatisticsViews.trendChart(chrome, s)) }
                if let platforms = StatisticsViews.platformChart(chrome, s) { el("figure", ["class": "panel"]) { Node.raw(platforms) } }
            }
            el("h2") { chrome.t("stats.byTownship") }
            StatisticsViews.townships(chrome, s)
            if m.canEdit { targetsForm(chrome, m) }
        }
    }

    static func targetsForm(_ chrome: PageChrome, _ m: Model) -> Node {
        el("section") {
            el("h2", ["id": "targets"]) { chrome.t("stats.targets") }
            el("p", ["class": "muted"]) { chrome.t("stats.targets.hint") }
            Forms.errorSummary(chrome, m.form)
            el("form", ["method": "post", "action": SiteURL.statistics(.targets).path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.field(chrome, m.form, name: "year", label: chrome.t("stats.year"), type: "number", required: true)
                Forms.select(chrome, m.form, name: "indicator", label: chrome.t("stats.indicator"),
                             options: IndicatorCatalogue.all.map { ($0.key, chrome.t($0.messageKey)) })
                Forms.field(chrome, m.form, name: "value", label: chrome.t("stats.targetValue"), hint: chrome.t("stats.targetValue.hint"))
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            }
        }
    }
}
