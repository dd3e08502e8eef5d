import Documents
import Foundation
import XiangcunKit

/// 网络零售导入 — the workbook layout: sheet 月度 (the county's months) and sheet 店铺 (shops by
/// enterprise and platform), amounts in 万元; the template and the row checks. Every refused
/// cell is reported with its sheet, row and column; nothing is saved unless every row passes.
public enum RetailWorkbook {
    public static let monthSheet = "月度"
    public static let shopSheet = "店铺"
    public static let monthHeader = ["月份", "网络零售额（万元）", "实物商品网络零售额（万元）", "农产品网络零售额（万元）"]
    public static let shopHeader = ["月份", "企业名称", "店铺名称", "平台", "销售额（万元）", "其中农产品（万元）"]

    public struct MonthRow: Sendable, Hashable {
        public var month: Month
        public var figures: RetailFigures
    }

    public struct Shop: Sendable, Hashable {
        public var month: Month
        public var enterprise: String
        public var shop: String
        public var platform: String
        public var total: Money
        public var farm: Money
    }

    public struct RowError: Sendable, Hashable {
        public var sheet: String
        public var row: Int
        public var column: String
        /// Message key (`stats.import.error.*`, `error.money.wan`, …).
        public var message: String
        public init(sheet: String, row: Int, column: String, message: String) {
            self.sheet = sheet; self.row = row; self.column = column; self.message = message
        }
    }

    public struct Parsed: Sendable {
        public var months: [MonthRow] = []
        public var shops: [Shop] = []
        public var errors: [RowError] = []
    }

    /// The empty template with one example row per sheet (marked 示例 in the enterprise name).
    public static func template() throws -> Data {
        try XLSX.write(XLSX.Workbook(sheets: [
            XLSX.Sheet(name: monthSheet, header: monthHeader, rows: [["2026-10", .decimal("25800"), .decimal("23100"), .decimal("6200")]]),
            XLSX.Sheet(name: shopSheet, header: shopHeader, rows: [["2026-10", "（示例）遂昌菇乡农业有限公司", "菇乡旗舰店", "淘宝", .decimal("86.5"), .decimal("86.5")]]),
        ], title: "网络零售统计导入模板"))
    }

    public static func parse(_ workbook: XLSX.ReadWorkbook) -> Parsed {
        var parsed = Parsed()
        let months = workbook.sheet(named: monthSheet), shops = workbook.sheet(named: shopSheet)
        if months == nil && shops == nil {
            parsed.errors.append(RowError(sheet: monthSheet + "/" + shopSheet, row: 0, column: "", message: "stats.import.error.noSheet"))
        }
        for row in months?.rows.dropFirst() ?? [] where !row.cells.isEmpty {
            var r = Reader(sheet: monthSheet, row: row)
            if let m = r.month(1), let t = r.money(2), let p = r.money(3), let f = r.money(4) {
                let figures = RetailFigures(total: t, physical: p, farm: f)
                for (field, key) in RetailPlausibility.errors(figures) {
                    r.errors.append(RowError(sheet: monthSheet, row: row.number, column: field == "physical" ? "C" : "D", message: key))
                }
                if parsed.months.contains(where: { $0.month == m }) { r.errors.append(RowError(sheet: monthSheet, row: row.number, column: "A", message: "stats.import.error.duplicate")) }
                if r.errors.isEmpty { parsed.months.append(MonthRow(month: m, figures: figures)) }
            }
            parsed.errors += r.errors
        }
        for row in shops?.rows.dropFirst() ?? [] where !row.cells.isEmpty {
            var r = Reader(sheet: shopSheet, row: row)
            let m = r.month(1), e = r.name(2), s = r.name(3), p = r.name(4), t = r.money(5), f = r.money(6)
            if let m, let e, let s, let p, let t, let f {
                if f > t { r.errors.append(RowError(sheet: shopSheet, row: row.number, column: "F", message: "stats.retail.error.partOverTotal")) }
                if parsed.shops.contains(where: { $0.month == m && $0.shop == s && $0.platform == p }) {
                    r.errors.append(RowError(sheet: shopSheet, row: row.number, column: "C", message: "stats.import.error.duplicate"))
                }
                if r.errors.isEmpty { parsed.shops.append(Shop(month: m, enterprise: e, shop: s, platform: p, total: t, farm: f)) }
            }
            parsed.errors += r.errors
        }
        return parsed
    }

    /// Reads the cells of one row, collecting an error per refused cell.
    struct Reader {
        let sheet: String
        let row: XLSX.ReadRow
        var errors: [RowError] = []

        init(sheet: String, row: XLSX.ReadRow) { self.sheet = sheet; self.row = row }

        mutating func fail(_ column: Int, _ key: String) { errors.append(RowError(sheet: sheet, row: row.number, column: XLSX.columnName(column), message: key)) }

        mutating func month(_ column: Int) -> Month? {
            let value = row.value(column: column)
            if let day = value?.day { return day.monthKey }
            let text = (value?.text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "/", with: "-")
            if let m = Month(text) ?? Month(text.count == 6 ? String(text.prefix(4)) + "-" + String(text.suffix(2)) : "") { return m }
            fail(column, "stats.error.month")
            return nil
        }

        mutating func money(_ column: Int) -> Money? {
            let text = (row.value(column: column)?.decimal.map { "\($0)" } ?? row.value(column: column)?.text ?? "").trimmingCharacters(in: .whitespaces)
            if let m = try? Money(wanYuan: text), m.fen >= 0 { return m }
            fail(column, "error.money.wan")
            return nil
        }

        mutating func name(_ column: Int) -> String? {
            var failure = ValidationFailure()
            let value = FieldRules.name(row.value(column: column)?.text ?? "", field: "x", into: &failure)
            if let key = failure.fields["x"] { fail(column, key) }
            return value
        }
    }
}
