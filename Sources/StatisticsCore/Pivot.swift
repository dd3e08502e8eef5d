import Documents
import Foundation
import XiangcunKit

/// 透视表 — one indicator by area (rows) × month (columns), as a table and as a workbook.
public struct PivotTable: Sendable, Hashable {
    public struct Area: Sendable, Hashable {
        public var code: String
        public var name: String
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    public var indicator: IndicatorDefinition
    public var title: String
    public var months: [Month]
    public var areas: [Area]
    /// cells[area][month]
    public var cells: [[Decimal?]]

    public init(indicator: IndicatorDefinition, title: String, months: [Month], areas: [Area], cells: [[Decimal?]]) {
        self.indicator = indicator; self.title = title; self.months = months; self.areas = areas; self.cells = cells
    }

    /// Builds the table from a value per (area code, month).
    public init(indicator: IndicatorDefinition, title: String, months: [Month], areas: [Area], value: (String, Month) -> Decimal?) {
        self.init(indicator: indicator, title: title, months: months, areas: areas,
                  cells: areas.map { a in months.map { value(a.code, $0) } })
    }

    /// Months from `from` through `to` (empty when reversed; at most 120).
    public static func months(from: Month, to: Month) -> [Month] {
        var list: [Month] = [], m = from
        while m <= to && list.count < 120 { list.append(m); m = m.next }
        return list
    }

    /// The header row: code, area, then the months.
    public func header(codeLabel: String, areaLabel: String) -> [String] { [codeLabel, areaLabel] + months.map(\.text) }

    /// Rows as text, values in the indicator's unit without grouping (for CSV and JSON).
    public var textRows: [[String]] {
        areas.enumerated().map { i, a in [a.code, a.name] + cells[i].map { $0.map { "\($0)" } ?? "" } }
    }

    /// The workbook: one sheet, numbers as numbers (percent values as numbers of percent).
    public func workbook(codeLabel: String, areaLabel: String) -> XLSX.Workbook {
        let rows: [[XLSX.Cell]] = areas.enumerated().map { i, a in
            [.text(a.code), .text(a.name)] + cells[i].map { $0.map { XLSX.Cell.decimal($0) } ?? .text("") }
        }
        let sheet = XLSX.Sheet(name: "透视", title: title, header: header(codeLabel: codeLabel, areaLabel: areaLabel), rows: rows)
        return XLSX.Workbook(sheets: [sheet], title: title)
    }
}
