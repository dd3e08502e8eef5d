import Documents
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 月报情况 — reporting and on-time rates of the monthly records for twelve months up to a
/// month (`?month=`, default last month), and the stations missing or late in that month.
enum ReportingPage {
    struct Model: Sendable {
        var viewer: NetworkViewer
        /// Newest month first.
        var months: [ReportingRules.Completeness]
        /// Station names by id, for the missing and late lists.
        var names: [UUID: String]
    }

    static func load(_ req: Request, _ viewer: NetworkViewer) async throws -> Model {
        try viewer.requireCountyWide()
        let through = req.query[String.self, at: "month"].flatMap(Month.init) ?? Day.today().monthKey.previous
        let snapshots = try await NetworkQueries.snapshots(county: viewer.county, on: req.db)
        let months = try await NetworkQueries.completeness(county: viewer.county, through: through, months: 12, snapshots: snapshots, on: req.db)
        return Model(viewer: viewer, months: months, names: Dictionary(snapshots.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("network.reporting")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.networkReporting.path)
            el("p", ["class": "muted small"]) { chrome.t("network.reporting.rule", "\(ReportingRules.deadlineDay)") }
            el("div", ["class": "panel chart"]) { Node.raw(chart(chrome, m.months)) }
            table(chrome, m.months)
            if let latest = m.months.first {
                el("h2") { chrome.t("network.reporting.missing") + " · " + latest.month + " (\(latest.missing.count))" }
                el("p") { NetworkViews.stationLinks(latest.missing.map { (id: $0, name: m.names[$0] ?? $0.uuidString) }) }
                el("h2") { chrome.t("network.record.late") + " · " + latest.month + " (\(latest.late.count))" }
                el("p") { NetworkViews.stationLinks(latest.late.map { (id: $0, name: m.names[$0] ?? $0.uuidString) }) }
            }
            if m.viewer.canManage {
                el("p") { el("a", ["class": "btn secondary", "href": SiteURL.networkRecordsImport.path]) { chrome.t("network.import.records") } }
            }
        }
    }

    /// Both rates by month, oldest on the left.
    static func chart(_ chrome: PageChrome, _ months: [ReportingRules.Completeness]) -> String {
        let oldestFirst = Array(months.reversed())
        func percent(_ rate: Rate?) -> Double? { rate.map { Double($0.numerator) / Double($0.denominator) * 100 } }
        return SVG.lineChart(title: chrome.t("network.reporting"), labels: oldestFirst.map { String($0.month.suffix(5)) },
                             series: [SVG.Series(chrome.t("network.reporting.rate"), oldestFirst.map { percent($0.reportingRate) }),
                                      SVG.Series(chrome.t("network.reporting.onTimeRate"), oldestFirst.map { percent($0.onTimeRate) })],
                             format: .number(decimals: 0, unit: "%"))
    }

    static func table(_ chrome: PageChrome, _ months: [ReportingRules.Completeness]) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") {
                el("th") { chrome.t("network.record.month") }
                for key in ["network.reporting.expected", "network.reporting.reported", "network.reporting.onTime", "network.reporting.rate", "network.reporting.onTimeRate"] {
                    el("th", ["class": "num"]) { chrome.t(key) }
                }
            } }
            el("tbody") { for c in months { el("tr") {
                el("td") { el("a", ["href": SiteURL.networkReporting.path + "?month=" + c.month]) { c.month } }
                el("td", ["class": "num"]) { "\(c.expected)" }
                el("td", ["class": "num"]) { "\(c.reported)" }
                el("td", ["class": "num"]) { "\(c.onTime)" }
                el("td", ["class": "num"]) { c.reportingRate?.percentText ?? "—" }
                el("td", ["class": "num"]) { c.onTimeRate?.percentText ?? "—" }
            } } }
        } }
    }
}
