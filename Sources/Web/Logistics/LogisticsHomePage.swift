import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// 物流配送 — the centre's day at a glance: today's intake, sorting, arrivals and pick-ups,
/// the exceptions waiting, the week's service level. Read from the daily rollup only.
enum LogisticsHomePage {
    struct Model: Sendable {
        var viewer: LogisticsViewer
        var today: LogisticsReport
        var week: LogisticsReport
        var exceptions: Int
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer) async throws -> Model {
        let day = Day.today()
        return Model(viewer: viewer,
                     today: try await LogisticsStats.totals(county: viewer.county, from: day, to: day, on: req.db),
                     week: try await LogisticsStats.totals(county: viewer.county, from: day.adding(days: -6), to: day, on: req.db),
                     exceptions: try await ParcelQueries.exceptions(county: viewer.county, page: 1, per: 1, on: req.db).total)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("logistics.title")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.section(.logistics).path)
            el("h2") { chrome.t("logistics.today") + " · " + Day.today().iso }
            el("div", ["class": "cards"]) {
                Cards.figure("\(m.today.total.inbound)", label: chrome.t("logistics.received"))
                Cards.figure("\(m.today.total.arrived)", label: chrome.t("logistics.arrived"))
                Cards.figure("\(m.today.total.pickedUp)", label: chrome.t("logistics.pickedUp"))
                Cards.figure("\(m.today.total.outbound)", label: chrome.t("logistics.collected"))
                Cards.figure("\(m.exceptions)", label: chrome.t("logistics.exceptions"),
                             link: m.viewer.handles ? SiteURL.logistics(.exceptions).path : nil, warn: m.exceptions > 0)
            }
            el("h2") { chrome.t("logistics.week") }
            el("div", ["class": "cards"]) {
                Cards.figure("\(m.week.total.inbound)", label: chrome.t("logistics.received"))
                Cards.figure(m.week.total.transit.median.map { "\($0)" } ?? "—", label: chrome.t("logistics.median"))
                Cards.figure(m.week.total.transit.p90.map { "\($0)" } ?? "—", label: chrome.t("logistics.p90"))
                Cards.figure(LogisticsViews.percent(basisPoints: m.week.total.transit.withinTwoDaysBasisPoints), label: chrome.t("logistics.within2"))
                Cards.figure(m.week.saving.yuanText, label: chrome.t("logistics.saving"))
            }
        }
    }
}
