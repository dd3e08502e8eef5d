import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// 店铺明细 — the shop rows behind a month's platform figures, largest first, paginated.
enum RetailShopsPage {
    struct Model: Sendable {
        var month: Month
        var rows: [RetailShopRecord]
        var platforms: [RetailRollups.Row]
        var pagination: Pagination
        var canEdit: Bool
    }

    static func load(_ req: Request) async throws -> Model {
        let viewer = try StatisticsViewer.of(req)
        let month = Month(req.query[String.self, at: "month"] ?? "") ?? Day.today().monthKey.previous
        let page = Pagination.page(req)
        let (rows, total) = try await RetailQueries.shops(county: viewer.county.value, month: month, page: page, on: req.db)
        let platforms = try await RetailRollups.stored(county: viewer.county.value, months: [month.text], on: req.db)
        return Model(month: month, rows: rows, platforms: platforms, pagination: Pagination(page: page, per: 50, total: total), canEdit: viewer.canEdit)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.retail.shops.title", m.month.text)) {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.retail).path, canEdit: m.canEdit, province: false)
            if !m.platforms.isEmpty {
                el("div", ["class": "cards"]) {
                    for p in m.platforms.sorted(by: { $0.totalFen > $1.totalFen }) {
                        Cards.figure(Money(fen: p.totalFen).wanYuanText + " 万元", label: p.platform, sub: chrome.t("stats.retail.shopCount", "\(p.shops)"))
                    }
                }
            }
            if m.rows.isEmpty { el("p", ["class": "panel"]) { chrome.t("stats.retail.shops.none") } } else { table(chrome, m) }
            m.pagination.links(chrome, base: SiteURL.statistics(.retailShops).path, query: [("month", m.month.text)])
        }
    }

    static func table(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") {
                    for key in ["stats.enterprise", "stats.shop", "stats.platform", "stats.retail.sales", "stats.retail.farm"] { el("th") { chrome.t(key) } }
                    if m.canEdit { el("th") { chrome.t("common.actions") } }
                } }
                el("tbody") {
                    for r in m.rows {
                        el("tr") {
                            el("td") { r.enterprise }; el("td") { r.shop }; el("td") { r.platform }
                            el("td", ["class": "num"]) { Money(fen: r.totalFen).wanYuanText }
                            el("td", ["class": "num"]) { Money(fen: r.farmFen).wanYuanText }
                            if m.canEdit, let id = r.id {
                                el("td") {
                                    el("form", ["method": "post", "action": SiteURL.statistics(.retailShopDelete(id)).path, "class": "inline"]) {
                                        Layout.csrfField(chrome.context)
                                        el("button", ["type": "submit", "class": "link-danger"]) { chrome.t("stats.delete") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
