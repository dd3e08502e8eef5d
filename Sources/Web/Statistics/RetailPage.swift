import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// 网络零售 — the county's months, newest first, with month-on-month and year-on-year growth,
/// the year to date, and links to each month's shops and form.
enum RetailPage {
    struct Row: Sendable {
        var month: Month
        var figures: RetailFigures
        var monthOnMonth: Decimal?
        var yearOnYear: Decimal?
        var yearToDate: Int64?
        var yearToDateGrowth: Decimal?
    }

    struct Model: Sendable {
        var rows: [Row]
        var pagination: Pagination
        var canEdit: Bool
        var province: Bool
    }

    static let per = 24

    static func load(_ req: Request) async throws -> Model {
        let viewer = try StatisticsViewer.of(req)
        let records = try await RetailQueries.months(county: viewer.county.value, on: req.db)
        var series: [Month: Int64] = [:]
        for r in records { if let m = Month(r.month) { series[m] = r.totalFen } }
        let page = Pagination.page(req)
        let rows = records.dropFirst((page - 1) * per).prefix(per).compactMap { r -> Row? in
            guard let m = Month(r.month) else { return nil }
            return Row(month: m, figures: r.figures, monthOnMonth: Growth.monthOnMonth(series, m), yearOnYear: Growth.yearOnYear(series, m),
                       yearToDate: Growth.yearToDate(series, m), yearToDateGrowth: Growth.yearToDateGrowth(series, m))
        }
        return Model(rows: Array(rows), pagination: Pagination(page: page, per: per, total: records.count), canEdit: viewer.canEdit,
                     province: req.context.user?.userRole == .provinceViewer)
    }

    static func wan(_ fen: Int64) -> String { Money(fen: fen).wanYuanText }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.retail")) {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.retail).path, canEdit: m.canEdit, province: m.province)
            if m.canEdit {
                el("p") {
                    el("a", ["class": "btn", "href": SiteURL.statistics(.retailMonth).path]) { chrome.t("stats.retail.enter") }
                    " "
                    el("a", ["class": "btn secondary", "href": SiteURL.statistics(.retailImport).path]) { chrome.t("stats.retail.import") }
                }
            }
            el("p", ["class": "muted small"]) { chrome.t("stats.retail.unit") }
            if m.rows.isEmpty { el("p", ["class": "panel"]) { chrome.t("stats.retail.none") } } else { table(chrome, m) }
            m.pagination.links(chrome, base: SiteURL.statistics(.retail).path, query: [])
        }
    }

    static func table(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") {
                    for key in ["stats.month", "stats.retail.total", "stats.retail.physical", "stats.retail.farm", "stats.mom", "stats.yoy",
                                "stats.ytd", "stats.ytdGrowth", "stats.retail.shops"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") {
                    for r in m.rows {
                        el("tr") {
                            el("td") {
                                m.canEdit ? el("a", ["href": SiteURL.statistics(.retailMonth).path + "?month=" + r.month.text]) { r.month.text } : Node.text(r.month.text)
                            }
                            el("td", ["class": "num"]) { wan(r.figures.total.fen) }
                            el("td", ["class": "num"]) { wan(r.figures.physical.fen) }
                            el("td", ["class": "num"]) { wan(r.figures.farm.fen) }
                            el("td", ["class": "num"]) { Indicators.text(r.monthOnMonth, unit: .percent) }
                            el("td", ["class": "num"]) { Indicators.text(r.yearOnYear, unit: .percent) }
                            el("td", ["class": "num"]) { r.yearToDate.map(wan) ?? "—" }
                            el("td", ["class": "num"]) { Indicators.text(r.yearToDateGrowth, unit: .percent) }
                            el("td") { el("a", ["href": SiteURL.statistics(.retailShops).path + "?month=" + r.month.text]) { chrome.t("stats.retail.shops.link") } }
                        }
                    }
                }
            }
        }
    }
}
