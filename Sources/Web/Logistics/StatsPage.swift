import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// 统计 — service levels per township and station (village), volumes by carrier and day,
/// exceptions, cost per parcel and the saving to villagers; exported as Excel or CSV.
enum StatsPage {
    static let per = 50

    struct Model: Sendable {
        var viewer: LogisticsViewer
        var report: LogisticsReport
        var form: FormState
        var pagination: Pagination
    }

    /// The period from the query (default: the last 30 days), at most 366 days.
    static func period(_ req: Request) -> (Day, Day) {
        let today = Day.today()
        let to = req.query[String.self, at: "to"].flatMap { Day($0) }.map { min($0, today) } ?? today
        var from = req.query[String.self, at: "from"].flatMap { Day($0) } ?? to.adding(days: -29)
        if from > to { from = to }
        if from.days(until: to) > 365 { from = to.adding(days: -365) }
        return (from, to)
    }

    static func load(_ req: Request, _ viewer: LogisticsViewer) async throws -> Model {
        try viewer.requireCountyWide()
        let (from, to) = period(req)
        let report = try await LogisticsStats.report(county: viewer.county, from: from, to: to, on: req.db)
        return Model(viewer: viewer, report: report, form: FormState(values: ["from": from.iso, "to": to.iso]),
                     pagination: Pagination(page: Pagination.page(req), per: per, total: report.stations.count))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let r = m.report
        return Layout.page(chrome, title: chrome.t("logistics.stats")) {
            LogisticsViews.subnav(chrome, m.viewer, current: SiteURL.logistics(.stats).path)
            el("form", ["method": "get", "action": SiteURL.logistics(.stats).path, "class": "filters"]) {
                Forms.field(chrome, m.form, name: "from", label: chrome.t("common.from"), type: "date")
                Forms.field(chrome, m.form, name: "to", label: chrome.t("common.to"), type: "date")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.filter") }
                el("a", ["class": "btn secondary", "href": SiteURL.logistics(.statsExport("xlsx")).path + "?from=\(r.from.iso)&to=\(r.to.iso)"]) { chrome.t("common.export.xlsx") }
                el("a", ["class": "btn secondary", "href": SiteURL.logistics(.statsExport("csv")).path + "?from=\(r.from.iso)&to=\(r.to.iso)"]) { chrome.t("common.export.csv") }
            }
            el("div", ["class": "cards"]) {
                Cards.figure("\(r.total.inbound)", label: chrome.t("logistics.received"))
                Cards.figure("\(r.total.outbound)", label: chrome.t("logistics.collected"))
                Cards.figure(r.total.transit.median.map { "\($0)" } ?? "—", label: chrome.t("logistics.median"))
                Cards.figure(r.total.transit.p90.map { "\($0)" } ?? "—", label: chrome.t("logistics.p90"))
                Cards.figure(LogisticsViews.percent(basisPoints: r.total.transit.withinTwoDaysBasisPoints), label: chrome.t("logistics.within2"))
                Cards.figure("\(r.total.exceptions)", label: chrome.t("logistics.exceptions"), warn: r.total.exceptions > 0)
                Cards.figure(r.costPerParcel?.yuanText ?? "—", label: chrome.t("logistics.costPerParcel"))
                Cards.figure(r.saving.yuanText, label: chrome.t("logistics.saving"), sub: chrome.t("logistics.saving.sub", r.savingPerParcel.yuanText))
            }
            el("h2") { chrome.t("logistics.byTownship") }
            levels(chrome, r.townships, days: r.days)
            el("h2") { chrome.t("logistics.byStation") }
            levels(chrome, Array(r.stations.dropFirst((m.pagination.page - 1) * per).prefix(per)), days: r.days)
            m.pagination.links(chrome, base: SiteURL.logistics(.stats).path, query: [("from", r.from.iso), ("to", r.to.iso)])
            el("h2") { chrome.t("logistics.byCarrier") }
            volumes(chrome, r.byCarrier.map { ($0.carrier, $0.inbound, $0.outbound) })
            el("h2") { chrome.t("logistics.byDay") }
            volumes(chrome, r.byDay.suffix(31).map { ($0.day, $0.inbound, $0.outbound) })
        }
    }

    static let levelHeaders = ["common.name", "logistics.received", "logistics.collected", "logistics.deliveryDays", "logistics.median",
                               "logistics.p90", "logistics.within2", "logistics.pickUpsPerWeek", "logistics.collectionsPerWeek", "logistics.exceptions"]

    static func levelCells(_ l: ServiceLevel, days: Int) -> [String] {
        ["\(l.inbound)", "\(l.outbound)", "\(l.deliveryDays.count)", l.transit.median.map { "\($0)" } ?? "—", l.transit.p90.map { "\($0)" } ?? "—",
         LogisticsViews.percent(basisPoints: l.transit.withinTwoDaysBasisPoints), String(format: "%.1f", l.pickUpsPerWeek(days: days)),
         String(format: "%.1f", l.collectionsPerWeek(days: days)), "\(l.exceptions)"]
    }

    static func levels(_ chrome: PageChrome, _ rows: [ServiceLevel], days: Int) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { for (i, key) in levelHeaders.enumerated() { el("th", ["class": i == 0 ? nil : "num"]) { chrome.t(key) } } } }
            el("tbody") { for l in rows {
                el("tr") { el("td") { l.name }; for cell in levelCells(l, days: days) { el("td", ["class": "num"]) { cell } } }
            } }
        } }
    }

    static func volumes(_ chrome: PageChrome, _ rows: [(String, Int64, Int64)]) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { el("th") { "" }; el("th", ["class": "num"]) { chrome.t("logistics.direction.inbound") }; el("th", ["class": "num"]) { chrome.t("logistics.direction.outbound") } } }
            el("tbody") { for (name, i, o) in rows { el("tr") { el("td") { name }; el("td", ["class": "num"]) { "\(i)" }; el("td", ["class": "num"]) { "\(o)" } } } }
        } }
    }
}
