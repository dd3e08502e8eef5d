import Accounts
import Composition
import Divisions
import Documents
import Fluent
import Foundation
import StatisticsCore
import Vapor
import XiangcunKit

/// 透视表 — one indicator by month (columns) and area (rows: the county in view, or every county
/// of the province for province viewers), with its export to Excel and CSV.
enum PivotPage {
    struct Model: Sendable {
        var pivot: PivotTable
        var form: FormState
        var province: Bool
    }

    /// At most three years of columns per table.
    static let maxMonths = 36

    static func load(_ req: Request) async throws -> Model {
        let user = try req.require(.readStatistics)
        let today = Day.today()
        let key = req.query[String.self, at: "indicator"].flatMap { IndicatorCatalogue.definition($0) != nil ? $0 : nil } ?? "retail.monthWan"
        guard let indicator = IndicatorCatalogue.definition(key) else { throw Abort(.notFound) }
        let to = req.query[String.self, at: "to"].flatMap(Month.init) ?? today.monthKey.previous
        var from = req.query[String.self, at: "from"].flatMap(Month.init) ?? Month(year: to.year - 1, month: to.month).next
        if from > to { from = to }
        var months = PivotTable.months(from: from, to: to)
        if months.count > maxMonths { months = Array(months.suffix(maxMonths)) }
        let areas = try await areas(req, user: user)
        var cells: [[Decimal?]] = []
        for area in areas {
            let code = try DivisionCode(area.code)
            var row: [Decimal?] = []
            for m in months { row.append(try await value(indicator, county: code, month: m, today: today, on: req.db)) }
            cells.append(row)
        }
        let title = Catalogue.text(indicator.messageKey, req.context.language)
        let form = FormState(values: ["indicator": key, "from": months.first?.text ?? from.text, "to": to.text])
        return Model(pivot: PivotTable(indicator: indicator, title: title, months: months, areas: areas, cells: cells), form: form,
                     province: user.userRole == .provinceViewer)
    }

    /// Province viewers: every county of their province with data; everyone else: the county in view.
    static func areas(_ req: Request, user: User) async throws -> [PivotTable.Area] {
        if case .province(let p) = user.scope {
            return try await ProvinceStatistics.counties(province: p, on: req.db).map { PivotTable.Area(code: $0.id ?? "", name: $0.name) }
        }
        let county = try req.requireCounty()
        let name = try await Division.find(county.value, on: req.db)?.name ?? county.short
        return [PivotTable.Area(code: county.value, name: name)]
    }

    /// The value at the end of the month (today for the current month); a monthly indicator only
    /// when that very month was entered.
    static func value(_ d: IndicatorDefinition, county: DivisionCode, month: Month, today: Day, on db: any Database) async throws -> Decimal? {
        let day = min(month.lastDay, today)
        let sources = try await StatisticsSources.values(county: county, day: day, on: db)
        if d.period == .monthly, sources["retail.month"] != Decimal(month.year * 100 + month.month) { return nil }
        return d.value(from: sources)
    }

    static func query(_ m: Model) -> String {
        "?indicator=" + m.form["indicator"] + "&from=" + m.form["from"] + "&to=" + m.form["to"]
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("stats.pivot")) {
            StatisticsViews.subnav(chrome, current: SiteURL.statistics(.pivot).path, canEdit: false, province: m.province)
            el("form", ["method": "get", "action": SiteURL.statistics(.pivot).path, "class": "filters"]) {
                Forms.select(chrome, m.form, name: "indicator", label: chrome.t("stats.indicator"),
                             options: IndicatorCatalogue.all.map { ($0.key, chrome.t($0.messageKey)) })
                Forms.field(chrome, m.form, name: "from", label: chrome.t("common.from"), type: "month")
                Forms.field(chrome, m.form, name: "to", label: chrome.t("common.to"), type: "month")
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.search") }
            }
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.statistics(.pivotExport("xlsx")).path + query(m)]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.statistics(.pivotExport("csv")).path + query(m)]) { chrome.t("common.export.csv") }
            }
            el("div", ["class": "table-wrap"]) {
                el("table") {
                    el("thead") { el("tr") { for h in m.pivot.header(codeLabel: chrome.t("common.code"), areaLabel: chrome.t("stats.area")) { el("th") { h } } } }
                    el("tbody") {
                        for (i, a) in m.pivot.areas.enumerated() {
                            el("tr") {
                                el("td") { a.code }; el("td") { a.name }
                                for v in m.pivot.cells[i] { el("td", ["class": "num"]) { Indicators.text(v, unit: m.pivot.indicator.unit) } }
                            }
                        }
                    }
                }
            }
        }
    }

    static func export(_ req: Request, format: String) async throws -> Response {
        let m = try await load(req)
        let chrome = try await req.chrome()
        let header = m.pivot.header(codeLabel: chrome.t("common.code"), areaLabel: chrome.t("stats.area"))
        let name = "统计透视-\(m.pivot.indicator.key)-\(m.form["from"])-\(m.form["to"])"
        if format == "csv" { return Downloads.csv(header: header, rows: m.pivot.textRows, filename: name + ".csv") }
        let data = try XLSX.write(m.pivot.workbook(codeLabel: chrome.t("common.code"), areaLabel: chrome.t("stats.area")))
        return Downloads.file(data, type: Downloads.xlsxType, filename: name + ".xlsx")
    }
}
