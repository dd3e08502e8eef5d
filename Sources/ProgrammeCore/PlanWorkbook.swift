import Documents
import Foundation
import XiangcunKit

/// The result of reading a plan workbook: a plan only when there is no error.
public struct PlanParseResult: Sendable, Equatable {
    /// The validated plan; nil whenever `errors` is not empty (nothing is half-imported).
    public var plan: ProgrammePlan?
    public var errors: [SheetError]
    /// Accepted with a remark (e.g. a credit code whose checksum fails).
    public var warnings: [SheetError]

    public init(plan: ProgrammePlan?, errors: [SheetError], warnings: [SheetError]) {
        self.plan = plan
        self.errors = errors
        self.warnings = warnings
    }

    public var isValid: Bool { plan != nil && errors.isEmpty }
}

/// The plan workbook (实施方案导入模板): template, and parsing of .xlsx or one CSV per sheet.
public enum PlanWorkbook {
    /// Parses a workbook read with `XLSX.read`.
    public static func parse(_ workbook: XLSX.ReadWorkbook) -> PlanParseResult {
        let grids = workbook.sheets.map { sheet in
            Grid(name: sheet.name, rows: sheet.rows.map { row in
                GridRow(number: row.number, cells: Dictionary(row.cells.map { ($0.column, CellValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
            })
        }
        var parser = PlanParser(grids: grids, format: .xlsx)
        return parser.run()
    }

    /// Parses one CSV file per sheet, keyed by sheet name ("方案" or "方案.csv"). Encodings: UTF-8
    /// (with or without BOM) or GB18030, detected by `CSV.read`. Row numbers are the file's lines.
    public static func parse(csvSheets: [String: Data]) -> PlanParseResult {
        var grids: [Grid] = []
        var errors: [SheetError] = []
        for (key, data) in csvSheets.sorted(by: { $0.key < $1.key }) {
            var name = key
            if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
            if name.lowercased().hasSuffix(".csv") { name = String(name.dropLast(4)) }
            do {
                let table = try CSV.read(data)
                grids.append(Grid(name: name, rows: table.records.map { record in
                    var cells: [Int: CellValue] = [:]
                    for (i, field) in record.fields.enumerated() where !field.isEmpty { cells[i + 1] = .text(field) }
                    return GridRow(number: record.line, cells: cells)
                }))
            } catch {
                errors.append(SheetError(sheet: name, row: 0, column: "", message: "无法读取 CSV：\(error.description)"))
            }
        }
        var parser = PlanParser(grids: grids, format: .csv)
        var result = parser.run()
        if !errors.isEmpty {
            result.errors = errors + result.errors
            result.plan = nil
        }
        return result
    }

    /// Reads .xlsx bytes and parses them; an unreadable file is one error.
    public static func parse(xlsxData data: Data) -> PlanParseResult {
        do {
            return parse(try XLSX.read(data))
        } catch {
            return PlanParseResult(plan: nil, errors: [SheetError(sheet: "", row: 0, column: "", message: "无法读取 Excel 文件：\(error.description)")], warnings: [])
        }
    }
}

// MARK: - Grid: sheets from either format

enum CellValue: Sendable, Equatable {
    case text(String)
    case number(String)
    case date(serial: String)
    case bool(Bool)

    init(_ value: XLSX.Value) {
        switch value {
        case .text(let t): self = .text(t)
        case .number(let n): self = .number(n)
        case .date(serial: let s): self = .date(serial: s)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .text(e)
        }
    }

    var text: String {
        switch self {
        case .text(let t): return t.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let n): return n
        case .date(serial: let s):
            if let serial = Double(s), serial >= 1 { return Day(excelSerial: Int(serial.rounded(.down))).description }
            return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        }
    }
}

struct GridRow: Sendable {
    var number: Int
    var cells: [Int: CellValue]
    var isBlank: Bool { cells.values.allSatisfy { $0.text.isEmpty } }
}

struct Grid: Sendable {
    var name: String
    var rows: [GridRow]
}

enum HeaderText {
    static func normalize(_ text: String) -> String {
        var s = String(text.filter { !$0.isWhitespace }).lowercased()
        s = s.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        s = s.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "＊", with: "")
        return s
    }

    /// The header without a trailing "(unit)".
    static func stem(_ text: String) -> String {
        let n = normalize(text)
        if n.hasSuffix(")"), let open = n.lastIndex(of: "(") { return String(n[..<open]) }
        return n
    }

    static func matches(_ cell: String, _ header: String) -> Bool {
        let c = normalize(cell)
        return !c.isEmpty && (c == normalize(header) || stem(cell) == stem(header))
    }
}
