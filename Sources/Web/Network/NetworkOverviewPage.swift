import Composition
import Documents
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 服务网点 — the overview: figure cards, village coverage by township as of a day, the
/// uncovered villages and the facilities by type and status. Not for station operators (the
/// controller sends them to their own station).
enum NetworkOverviewPage {
    struct Model: Sendable {
        var viewer: NetworkViewer
        var day: Day
        var report: CoverageReport
        /// Reporting of last month, for its card.
        var completeness: ReportingRules.Completeness?
    }

    static func load(_ req: Request, _ viewer: NetworkViewer) async throws -> Model {
        let day = try req.queryDay("asOf") ?? .today()
        // Both from the county cache (recomputed only after a write to the county's rows).
        let report = try await CachedFigures.coverage(county: viewer.county, asOf: day, on: req.db)
        let completeness = try await CachedFigures.completeness(county: viewer.county, month: Day.today().monthKey.previous, on: req.db)
        return Model(viewer: viewer, day: day, report: report, completeness: completeness)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let report = m.report
        return Layout.page(chrome, title: chrome.t("network.title")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.section(.network).path)
            el("form", ["method": "get", "action": SiteURL.section(.network).path, "class": "filters"]) {
                Forms.field(chrome, FormState(values: ["asOf": m.day.iso]), name: "asOf", label: chrome.t("network.asOf"), type: "date",
                            hint: chrome.t("network.asOf.hint"))
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.search") }
            }
            cards(chrome, m)
            el("p", ["class": "muted small"]) { chrome.t("network.coverage.rule") }
            el("div", ["class": "panel chart"]) { Node.raw(chart(chrome, report)) }
            el("h2", ["id": "coverage"]) { chrome.t("network.coverage") + "（" + m.day.iso + "）" }
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.networkCoverageExport("xlsx").path + "?asOf=" + m.day.iso]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.networkCoverageExport("csv").path + "?asOf=" + m.day.iso]) { chrome.t("common.export.csv") }
            }
            coverageTable(chrome, report)
            el("h2", ["id": "uncovered"]) { chrome.t("network.coverage.uncovered") + " (\(report.uncoveredVillages.count))" }
            if report.villages == 0 { el("p", ["class": "muted"]) { chrome.t("network.coverage.noVillages") } }
            else if report.uncoveredVillages.isEmpty { el("p") { chrome.t("network.coverage.none") } } else {
                el("div", ["class": "panel"]) {
                    for t in report.townships where !t.uncovered.isEmpty {
                        el("p") { el("strong") { t.name + "：" }; t.uncovered.map(\.name).joined(separator: "、") }
                    }
                }
            }
            el("h2") { chrome.t("network.facilities") }
            facilitiesTable(chrome, report)
        }
    }

    static func cards(_ chrome: PageChrome, _ m: Model) -> Node {
        let report = m.report
        let total = report.counts.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        return el("div", ["class": "cards"]) {
            Cards.figure("\(total)", label: chrome.t("network.cards.facilities"), link: SiteURL.networkFacilities.path)
            Cards.figure("\(report.count(.villageStation, .operating)) / \(report.planned(.villageStation))", label: chrome.t("network.cards.villageStations"),
                         link: SiteURL.networkFacilities.path + "?type=villageStation")
            Cards.figure("\(report.townshipsWithStation) / \(report.townshipCount)", label: chrome.t("network.cards.townships"),
                         sub: report.townshipRate?.percentText, link: "#coverage")
            Cards.figure("\(report.coveredVillages) / \(report.villages)", label: chrome.t("network.cards.villages"),
                         sub: report.villageRate?.percentText, link: "#uncovered")
            if let c = m.completeness {
                Cards.figure(c.reportingRate?.percentText ?? "—", label: chrome.t("network.cards.reporting", c.month),
                             sub: chrome.t("network.reporting.onTimeRate") + " " + (c.onTimeRate?.percentText ?? "—"), link: SiteURL.networkReporting.path)
            }
        }
    }

    /// Village coverage by township against the 60 % target.
    static func chart(_ chrome: PageChrome, _ report: CoverageReport) -> String {
        let bars = report.townships.map { t in
            SVG.Bar(t.name, t.rate.map { Double($0.numerator) / Double($0.denominator) } ?? 0,
                    valueLabel: "\(t.coveredVillages)/\(t.villages)")
        }
        return SVG.horizontalBarChart(title: chrome.t("network.coverage.chart"), bars: bars, format: .percent(decimals: 0),
                                      target: 0.6, targetLabel: chrome.t("network.coverage.target", "60%"), maximum: 1)
    }

    static func coverageTable(_ chrome: PageChrome, _ report: CoverageReport) -> Node {
        let lang = chrome.context.language
        return el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") {
                for (i, h) in CoverageExport.header(lang).dropLast().enumerated() { el("th", ["class": i >= 2 ? "num" : nil]) { h } }
            } }
            el("tbody") {
                for t in report.townships {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.networkFacilities.path + "?township=" + t.code]) { t.name } }
                        el("td") { el("span", ["class": t.hasStation ? "tag" : "tag off"]) { chrome.t(t.hasStation ? "common.yes" : "common.no") } }
                        el("td", ["class": "num"]) { "\(t.villages)" }
                        el("td", ["class": "num"]) { "\(t.coveredVillages)" }
                        el("td", ["class": "num"]) { t.rate?.percentText ?? "—" }
                        el("td", ["class": "num"]) { "\(t.villageStationsOperating)" }
                        el("td", ["class": "num"]) { "\(t.villageStationsPlanned)" }
                    }
                }
                el("tr", ["class": "total"]) {
                    for (i, cell) in CoverageExport.totalRow(report, language: lang).dropLast().enumerated() { el("td", ["class": i >= 2 ? "num" : nil]) { cell } }
                }
            }
        } }
    }

    static func facilitiesTable(_ chrome: PageChrome, _ report: CoverageReport) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") {
                el("th") { chrome.t("network.field.type") }
                for s in FacilityStatus.allCases { el("th", ["class": "num"]) { chrome.t(s.messageKey) } }
            } }
            el("tbody") {
                for type in FacilityType.allCases where FacilityStatus.allCases.contains(where: { report.count(type, $0) > 0 }) {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.networkFacilities.path + "?type=" + type.rawValue]) { chrome.t(type.messageKey) } }
                        for s in FacilityStatus.allCases { el("td", ["class": "num"]) { "\(report.count(type, s))" } }
                    }
                }
            }
        } }
    }

    /// A station operator whose account is linked to no station.
    static func noStationView(_ chrome: PageChrome) -> String {
        Layout.page(chrome, title: chrome.t("network.myStation")) {
            el("div", ["class": "panel"]) { el("p") { chrome.t("network.noStation") } }
        }
    }
}
