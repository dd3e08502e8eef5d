import Foundation
import NetworkCore
import XiangcunKit

/// A carrier's manifest (清单) as a spreadsheet or CSV (UTF-8 or GB18030): one parcel a row.
/// Columns are found by their Chinese or English header; bad cells are reported with row and
/// column, and only the good rows go on to intake.
public enum Manifest {
    /// Input field → accepted headers.
    public static let columns: [(field: String, headers: [String])] = [
        ("waybill", ["运单号", "快递单号", "waybill"]),
        ("carrier", ["快递公司", "承运商", "carrier"]),
        ("direction", ["方向", "direction"]),
        ("villageCode", ["村代码", "收件村代码", "区划代码", "villagecode", "village code"]),
        ("address", ["收件地址", "地址", "address"]),
        ("recipientName", ["收件人", "recipient", "recipientname"]),
        ("recipientPhone", ["收件人电话", "电话", "手机", "phone", "recipientphone"]),
        ("weightKg", ["重量(kg)", "重量（kg）", "重量", "weight (kg)", "weightkg", "weight"]),
        ("codYuan", ["代收货款(元)", "代收货款（元）", "代收货款", "cod (yuan)", "cod"]),
        ("producer", ["生产主体", "producer"]),
        ("product", ["产品", "product"]),
    ]

    public struct Parsed: Sendable {
        public var rows: [(row: Int, input: ParcelInput)]
        public var issues: [ImportIssue]
        /// Field → (column letter, header) for reporting intake rejections by cell.
        public var cells: [String: (String, String)]
    }

    public static func parse(_ data: Data) throws(ImportFailed) -> Parsed {
        let file = try TabularFile.read(data)
        var index: [String: Int] = [:]
        for (i, header) in file.header.enumerated() {
            let h = header.trimmingCharacters(in: .whitespaces).lowercased()
            if let c = columns.first(where: { $0.headers.contains(h) }), index[c.field] == nil { index[c.field] = i }
        }
        var missing: [ImportIssue] = []
        for required in ["waybill", "carrier"] where index[required] == nil {
            missing.append(ImportIssue(row: file.headerRow, key: "logistics.import.missingColumn", args: [columns.first { $0.field == required }?.headers[0] ?? required]))
        }
        guard missing.isEmpty else { throw ImportFailed(missing) }
        var cells: [String: (String, String)] = [:]
        for (field, i) in index { cells[field] = (columnLetter(i), file.header[i]) }
        var rows: [(Int, ParcelInput)] = []
        var issues: [ImportIssue] = []
        for (number, fields) in file.rows {
            func value(_ f: String) -> String? { index[f].flatMap { $0 < fields.count ? fields[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            var input = ParcelInput(waybill: value("waybill") ?? "", carrier: value("carrier") ?? "", direction: value("direction").map(directionCode),
                                    villageCode: value("villageCode"), address: value("address"), recipientName: value("recipientName"),
                                    recipientPhone: value("recipientPhone"), producer: value("producer"), product: value("product"))
            var ok = true
            if let w = value("weightKg") {
                if let kg = Decimal(string: w), kg >= 0 { input.weightGrams = NSDecimalNumber(decimal: kg * 1000).intValue }
                else { issues.append(issue(number, "weightKg", cells, "logistics.error.weight")); ok = false }
            }
            if let c = value("codYuan") {
                if let m = try? Money(yuan: c) { input.codFen = m.fen } else { issues.append(issue(number, "codYuan", cells, "logistics.error.cod")); ok = false }
            }
            if ok { rows.append((number, input)) }
        }
        return Parsed(rows: rows, issues: issues, cells: cells)
    }

    /// "下行"/"上行" or the codes.
    static func directionCode(_ text: String) -> String {
        switch text { case "上行", "出": return "outbound"; case "下行", "进": return "inbound"; default: return text }
    }

    public static func issue(_ row: Int, _ field: String, _ cells: [String: (String, String)], _ key: String) -> ImportIssue {
        let mapped = field == "weightGrams" ? "weightKg" : field == "codFen" ? "codYuan" : field
        let cell = cells[mapped]
        return ImportIssue(row: row, column: cell?.0, header: cell?.1, key: key)
    }

    static func columnLetter(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
}
