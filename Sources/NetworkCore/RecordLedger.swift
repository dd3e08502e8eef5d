import Documents
import Foundation
import XiangcunKit

/// Monthly operating records in bulk (月度运营数据导入): the layout and the row checks. Reading
/// the county and saving the records (`importFile`) live in ServiceNetwork.
public enum RecordLedger {
    public static let columns: [LedgerColumn] = [
        LedgerColumn("name", "站点名称", "Station", aliases: ["名称", "站点"], required: true),
        LedgerColumn("month", "月份", "Month", aliases: ["统计月份"], required: true),
        LedgerColumn("parcelsIn", "进港件数", "Parcels in", aliases: ["收件", "派件数"]),
        LedgerColumn("parcelsOut", "出港件数", "Parcels out", aliases: ["寄件", "揽收件数"]),
        LedgerColumn("purchaseOrders", "代买单数", "Purchase orders"),
        LedgerColumn("purchaseAmount", "代买金额（元）", "Purchase amount (yuan)", aliases: ["代买金额", "代买金额(元)"]),
        LedgerColumn("saleOrders", "代卖单数", "Sale orders"),
        LedgerColumn("saleAmount", "代卖金额（元）", "Sale amount (yuan)", aliases: ["代卖金额", "代卖金额(元)"]),
        LedgerColumn("billPayments", "缴费充值笔数", "Bill payments", aliases: ["缴费笔数"]),
        LedgerColumn("otherServices", "其他服务次数", "Other services", aliases: ["其他服务"]),
    ]

    /// What the row checks need to know about the county's stations.
    public struct Stations: Sendable {
        /// Station name → id.
        public var byName: [String: UUID]
        /// Earlier records of each station, for the plausibility check.
        public var history: [UUID: [(Month, RecordValues)]]
        /// The first day each station has a status for: no records for months before it.
        public var firstDays: [UUID: Day]

        public init(byName: [String: UUID], history: [UUID: [(Month, RecordValues)]], firstDays: [UUID: Day]) {
            self.byName = byName; self.history = history; self.firstDays = firstDays
        }
    }

    /// A row that passed every check.
    public struct CheckedRecord: Sendable {
        public var facilityID: UUID
        public var month: Month
        public var values: RecordValues
    }

    /// Checks the header and every row. All rows or none: any problem throws every issue found.
    /// Implausible figures do not stop the rows; they come back as `warnings`.
    public static func check(_ file: TabularFile, stations: Stations, now: Date) throws(ImportFailed) -> (records: [CheckedRecord], warnings: [ImportIssue]) {
        let map = ColumnMap(header: file.header, columns: columns)
        let missing = columns.filter { $0.required && map.index[$0.key] == nil }
        if !missing.isEmpty {
            throw ImportFailed(missing.map { ImportIssue(row: file.headerRow, key: "network.import.missingColumn", args: [$0.zh]) })
        }
        var seen: [String: Int] = [:]
        var ready: [CheckedRecord] = []
        var warnings: [ImportIssue] = []
        var issues: [ImportIssue] = []
        for row in file.rows {
            func v(_ key: String) -> String { map.value(key, row.fields).trimmingCharacters(in: .whitespaces) }
            var rowIssues: [ImportIssue] = []
            let name = v("name")
            let id = stations.byName[name]
            if id == nil { rowIssues.append(issue(row.number, "name", map, name.isEmpty ? "error.required" : "network.import.unknownStation")) }
            let month = Month(v("month")) ?? monthFromDay(v("month"))
            if month == nil { rowIssues.append(issue(row.number, "month", map, "network.import.month")) }
            let values = self.values(row.number, v, map, &rowIssues)
            guard let id, let month else { issues += rowIssues; continue }
            let key = "\(name)|\(month.text)"
            if let first = seen[key] { rowIssues.append(issue(row.number, "month", map, "network.import.duplicate", ["\(first)"])) }
            seen[key] = row.number
            // The same rules as a record saved on the form (month, bounds), reported by row and column.
            let failure = RecordRules.validate(values, month: month, since: stations.firstDays[id], now: now)
            for (field, key) in failure.fields.sorted(by: { $0.key < $1.key }) { rowIssues.append(issue(row.number, field, map, key)) }
            if rowIssues.isEmpty {
                warnings += Plausibility.check(values, history: stations.history[id] ?? [], month: month).map { plausibilityIssue(row.number, $0, map) }
                ready.append(CheckedRecord(facilityID: id, month: month, values: values))
            }
            issues += rowIssues
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        if ready.isEmpty { throw ImportFailed([ImportIssue(row: file.headerRow, key: "network.import.empty")]) }
        return (ready, warnings)
    }

    /// The figures of a row: counts are whole numbers (a spreadsheet's "120.0" too), amounts yuan.
    static func values(_ row: Int, _ v: (String) -> String, _ map: ColumnMap, _ issues: inout [ImportIssue]) -> RecordValues {
        var values = RecordValues()
        for metric in RecordMetric.allCases {
            let text = v(metric.rawValue).replacingOccurrences(of: ",", with: "")
            if text.isEmpty { continue }
            if metric.isMoney {
                guard let money = try? Money(yuan: text), money.fen >= 0 else { issues.append(issue(row, metric.rawValue, map, "network.import.amount")); continue }
                values.set(metric, money.fen)
            } else {
                let whole = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
                guard let n = Int(whole), n >= 0, n <= 100_000_000 else { issues.append(issue(row, metric.rawValue, map, "network.import.count")); continue }
                values.set(metric, Int64(n))
            }
        }
        return values
    }

    static func plausibilityIssue(_ row: Int, _ w: Plausibility.Warning, _ map: ColumnMap) -> ImportIssue {
        func text(_ value: Int64) -> String { w.metric.isMoney ? Money(fen: value).yuanText : "\(value)" }
        return issue(row, w.metric.rawValue, map, "network.plausibility.warning", [text(w.value), text(w.median)])
    }

    static func monthFromDay(_ text: String) -> Month? {
        if let d = Day(text) { return d.monthKey }
        if let d = FacilityValidator.excelDay(text) { return d.monthKey }
        let t = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "").replacingOccurrences(of: "/", with: "-")
        return Month(t)
    }

    static func issue(_ row: Int, _ field: String, _ map: ColumnMap, _ key: String, _ args: [String] = []) -> ImportIssue {
        ImportIssue(row: row, column: map.column(field), header: columns.first { $0.key == field }?.zh, key: key, args: args)
    }

    /// An empty template with the layout's header.
    public static func template() throws -> Data {
        try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: "月度运营", header: columns.map(\.zh), rows: [])]))
    }
}
