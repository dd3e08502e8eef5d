import Audit
import Documents
import FluentKit
import Foundation
import XiangcunKit

/// A rejected cell or row of an imported file: row number (Excel row or CSV line), column
/// letter and header, and a catalogue key with arguments.
public struct ImportIssue: Error, Sendable, Equatable, Codable {
    public var row: Int
    public var column: String?
    public var header: String?
    public var key: String
    public var args: [String]

    public init(row: Int, column: String? = nil, header: String? = nil, key: String, args: [String] = []) {
        self.row = row; self.column = column; self.header = header; self.key = key; self.args = args
    }

    /// "第 3 行 C 列（区划代码）：区划代码不存在" / "Row 3, column C (区划代码): Unknown division code".
    public func text(_ language: Language) -> String {
        let message = Catalogue.text(key, language, args)
        guard let column else { return Catalogue.text("network.import.row", language, ["\(row)", message]) }
        return Catalogue.text("network.import.cell", language, ["\(row)", column, header ?? "", message])
    }
}

public struct ImportFailed: Error, Sendable {
    public var issues: [ImportIssue]
    public init(_ issues: [ImportIssue]) { self.issues = issues }
}

/// Rows of a spreadsheet or CSV file: header row and data rows with their real numbers.
public struct TabularFile: Sendable {
    public var header: [String]
    public var headerRow: Int
    public var rows: [(number: Int, fields: [String])]

    /// Reads .xlsx (first sheet, or the one named `preferredSheet`) or CSV (UTF-8 with or
    /// without BOM, GB18030), decided by the content.
    public static func read(_ data: Data, preferredSheet: String? = nil) throws(ImportFailed) -> TabularFile {
        var raw: [(Int, [String])] = []
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let book: XLSX.ReadWorkbook
            do { book = try XLSX.read(data) } catch { throw ImportFailed([ImportIssue(row: 0, key: "network.import.unreadable", args: ["\(error)"])]) }
            guard let sheet = preferredSheet.flatMap(book.sheet(named:)) ?? book.sheets.first(where: { !$0.isHidden }) else {
                throw ImportFailed([ImportIssue(row: 0, key: "network.import.empty")])
            }
            raw = sheet.rows.map { ($0.number, $0.texts) }
        } else {
            do { raw = try CSV.read(data).records.map { ($0.line, $0.fields) } } catch {
                throw ImportFailed([ImportIssue(row: 0, key: "network.import.unreadable", args: ["\(error)"])])
            }
        }
        let content = raw.map { ($0.0, $0.1.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }.filter { !$0.1.allSatisfy(\.isEmpty) }
        // The header is the first row that names at least two known columns (a title row may come first).
        guard let headerIndex = content.firstIndex(where: { row in row.1.filter { !$0.isEmpty }.count >= 2 && row.1.contains { !$0.allSatisfy(\.isNumber) } }) else {
            throw ImportFailed([ImportIssue(row: 0, key: "network.import.empty")])
        }
        let header = content[headerIndex].1
        return TabularFile(header: header, headerRow: content[headerIndex].0, rows: content[(headerIndex + 1)...].map { (number: $0.0, fields: $0.1) })
    }
}

/// A column of an import/export layout.
public struct LedgerColumn: Sendable {
    public var key: String
    public var zh: String
    public var en: String
    public var aliases: [String]
    /// Export-only columns (names for reading) are ignored on import.
    public var importable: Bool
    public var required: Bool

    init(_ key: String, _ zh: String, _ en: String, aliases: [String] = [], importable: Bool = true, required: Bool = false) {
        self.key = key; self.zh = zh; self.en = en; self.aliases = aliases; self.importable = importable; self.required = required
    }

    func matches(_ header: String) -> Bool {
        let h = header.trimmingCharacters(in: .whitespaces).lowercased()
        return h == zh.lowercased() || h == en.lowercased() || h == key.lowercased() || aliases.contains { $0.lowercased() == h }
    }
}

/// Maps the header of a file to layout columns.
struct ColumnMap {
    var index: [String: Int] = [:]

    init(header: [String], columns: [LedgerColumn]) {
        for (i, h) in header.enumerated() {
            if let c = columns.first(where: { $0.matches(h) }), index[c.key] == nil { index[c.key] = i }
        }
    }

    func value(_ key: String, _ fields: [String]) -> String {
        guard let i = index[key], i < fields.count else { return "" }
        return fields[i]
    }

    func column(_ key: String) -> String? { index[key].map { XLSX.columnName($0 + 1) } }
}

/// The station ledger (站点台账): one row per facility. Layout in docs/network.md.
public enum StationLedger {
    public static let columns: [LedgerColumn] = [
        LedgerColumn("name", "名称", "Name", aliases: ["站点名称", "网点名称"], required: true),
        LedgerColumn("type", "类型", "Type", aliases: ["站点类型", "设施类型"], required: true),
        LedgerColumn("divisionCode", "区划代码", "Division code", aliases: ["所在区划代码", "统计用区划代码"], required: true),
        LedgerColumn("township", "乡镇", "Township", importable: false),
        LedgerColumn("division", "所在村（社区）", "Village", aliases: ["所在区划"], importable: false),
        LedgerColumn("address", "地址", "Address", aliases: ["详细地址"]),
        LedgerColumn("latitude", "纬度", "Latitude", aliases: ["lat"]),
        LedgerColumn("longitude", "经度", "Longitude", aliases: ["lon", "lng"]),
        LedgerColumn("areaM2", "面积（㎡）", "Area (m²)", aliases: ["面积", "面积(㎡)", "面积（平方米）", "面积(平方米)"]),
        LedgerColumn("operatorName", "站长", "Operator", aliases: ["负责人", "站长姓名"]),
        LedgerColumn("operatorPhone", "站长电话", "Operator phone", aliases: ["负责人电话", "联系电话"]),
        LedgerColumn("servicePhone", "服务电话", "Service phone", aliases: ["对外服务电话"]),
        LedgerColumn("contractorName", "承办企业", "Contractor", aliases: ["建设运营单位"]),
        LedgerColumn("openingHours", "营业时间", "Opening hours"),
        LedgerColumn("status", "状态", "Status"),
        LedgerColumn("statusSince", "状态日期", "Status since", aliases: ["启用日期", "状态生效日期"]),
        LedgerColumn("signage", "统一标识", "Uniform signage"),
        LedgerColumn("demonstration", "示范站", "Demonstration", aliases: ["示范站点", "示范点"]),
        LedgerColumn("services", "服务项目", "Services"),
        LedgerColumn("servedDivisions", "服务范围（区划代码）", "Served divisions", aliases: ["服务村", "辐射行政村", "服务范围"]),
        LedgerColumn("skuCount", "SKU 数", "SKU count", aliases: ["SKU数", "sku"]),
        LedgerColumn("populationServed", "服务人口", "Population served"),
        LedgerColumn("deliveryRadiusKm", "配送半径（km）", "Delivery radius (km)", aliases: ["配送半径", "配送半径(km)"]),
        LedgerColumn("storageKind", "仓储类型", "Storage"),
        LedgerColumn("notes", "备注", "Notes"),
    ]

    static func flag(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return false
        case "是", "已完成", "有", "y", "yes", "true", "1", "√", "✓": return true
        case "否", "未完成", "无", "n", "no", "false", "0": return false
        default: return nil
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；/ \n".contains($0) }).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public struct Report: Sendable, Equatable, Codable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// Parses and checks every row; nothing is written unless every row is valid.
    public static func importFile(_ data: Data, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> Report {
        let file = try TabularFile.read(data, preferredSheet: "站点台账")
        let map = ColumnMap(header: file.header, columns: columns)
        var issues: [ImportIssue] = []
        for c in columns where c.required && map.index[c.key] == nil {
            issues.append(ImportIssue(row: file.headerRow, key: "network.import.missingColumn", args: [c.zh]))
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        let context = try await NetworkContext.load(county: county, on: db)
        var seen: [String: Int] = [:]
        var valid: [(Int, ValidFacility, UUID?)] = []
        for row in file.rows {
            var input = FacilityInput()
            func v(_ key: String) -> String { map.value(key, row.fields) }
            input.name = v("name"); input.type = v("type"); input.divisionCode = v("divisionCode"); input.address = v("address")
            input.latitude = v("latitude"); input.longitude = v("longitude"); input.areaM2 = v("areaM2")
            input.operatorName = v("operatorName"); input.operatorPhone = v("operatorPhone"); input.servicePhone = v("servicePhone")
            input.contractorName = v("contractorName"); input.openingHours = v("openingHours"); input.status = v("status")
            input.statusSince = v("statusSince"); input.skuCount = v("skuCount"); input.populationServed = v("populationServed")
            input.deliveryRadiusKm = v("deliveryRadiusKm"); input.storageKind = v("storageKind"); input.notes = v("notes")
            input.services = list(v("services")); input.servedDivisions = list(v("servedDivisions"))
            var rowIssues: [ImportIssue] = []
            for key in ["signage", "demonstration"] {
                if let f = flag(v(key)) { if key == "signage" { input.signage = f } else { input.demonstration = f } }
                else { rowIssues.append(issue(row.number, key, map, "network.import.yesNo")) }
            }
            let name = input.name.trimmingCharacters(in: .whitespaces)
            if let first = seen[name], !name.isEmpty { rowIssues.append(issue(row.number, "name", map, "network.import.duplicate", ["\(first)"])) }
            seen[name] = row.number
            let existing = context.facilityNames[name]
            switch FacilityValidator.validate(input, context: context, existingID: existing) {
            case .success(let ok) where rowIssues.isEmpty: valid.append((row.number, ok, existing))
            case .success: break
            case .failure(let failure):
                for (field, key) in failure.fields {
                    if field == "type" && key == "error.invalid" {
                        rowIssues.append(issue(row.number, field, map, "network.import.type",
                                               [FacilityType.allCases.map { Catalogue.text($0.messageKey, .zh) }.joined(separator: "、")]))
                    } else {
                        rowIssues.append(issue(row.number, field, map, key))
                    }
                }
            }
            // Left to right within a row.
            issues += rowIssues.sorted { ($0.column?.count ?? 0, $0.column ?? "") < ($1.column?.count ?? 0, $1.column ?? "") }
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        if valid.isEmpty { throw ImportFailed([ImportIssue(row: file.headerRow, key: "network.import.empty")]) }
        let rows = valid
        return try await db.transaction { tx in
            var report = Report()
            for (_, facility, existingID) in rows {
                if let existingID, let f = try await NetworkQueries.facility(existingID, county: county, on: tx) {
                    let before = f.auditValues
                    try await NetworkService.apply(facility, to: f, county: county, actor: actor, on: tx)
                    if f.auditValues == before { report.unchanged += 1 } else { report.updated += 1 }
                } else {
                    _ = try await NetworkService.insert(facility, county: county, actor: actor, sample: false, on: tx)
                    report.created += 1
                }
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: Facility.schema, entityID: "ledger", county: county.value,
                                      new: ["rows": "\(rows.count)", "created": "\(report.created)", "updated": "\(report.updated)"])
            return report
        }
    }

    static func issue(_ row: Int, _ field: String, _ map: ColumnMap, _ key: String, _ args: [String] = []) -> ImportIssue {
        let header = columns.first { $0.key == field }?.zh
        return ImportIssue(row: row, column: map.column(field), header: header, key: key, args: args)
    }

    /// The ledger of a county as rows under `columns` headers. Operator phones are masked
    /// unless `showPhones`.
    public static func rows(county: DivisionCode, showPhones: Bool, language: Language, on db: any Database) async throws -> [[String]] {
        let facilities = try await NetworkQueries.facilities(county: county, on: db)
        let services = try await NetworkQueries.servicesByFacility(county: county, on: db)
        let served = try await NetworkQueries.servedByFacility(county: county, on: db)
        let names = try await NetworkQueries.divisionNames(county: county, on: db)
        let catalogue = try await NetworkQueries.catalogue(county: county, on: db)
        func serviceName(_ code: String) -> String { catalogue.first { $0.code == code }.map { language == .zh ? $0.zh : $0.en } ?? code }
        return facilities.map { f in
            let id = f.id ?? UUID()
            let township = DivisionCode.townshipOf(f.divisionCode).flatMap { names[$0] } ?? ""
            let yes = Catalogue.text("common.yes", language), no = Catalogue.text("common.no", language)
            return [
                f.name, Catalogue.text(f.facilityType.messageKey, language), f.divisionCode, township, names[f.divisionCode] ?? "", f.address,
                f.latitude.map { String(format: "%.6f", $0) } ?? "", f.longitude.map { String(format: "%.6f", $0) } ?? "",
                f.areaM2.map(String.init) ?? "", f.operatorName,
                (showPhones ? f.operatorPhone : f.operatorPhone.map(Identifiers.maskPhone)) ?? "", f.servicePhone ?? "",
                f.contractorName ?? "", f.openingHours, Catalogue.text(f.facilityStatus.messageKey, language), f.statusSince,
                f.signage ? yes : no, f.demonstration ? yes : no,
                (services[id] ?? []).map(serviceName).joined(separator: "、"), (served[id] ?? []).joined(separator: "、"),
                f.skuCount.map(String.init) ?? "", f.populationServed.map(String.init) ?? "",
                f.deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? "",
                f.storageKind.flatMap(StorageKind.init(rawValue:)).map { Catalogue.text($0.messageKey, language) } ?? "", f.notes,
            ]
        }
    }

    public static func header(_ language: Language) -> [String] { columns.map { language == .zh ? $0.zh : $0.en } }

    public static func xlsx(county: DivisionCode, countyName: String, showPhones: Bool, on db: any Database) async throws -> Data {
        let rows = try await rows(county: county, showPhones: showPhones, language: .zh, on: db)
        let sheet = XLSX.Sheet(name: "站点台账", title: countyName + "电子商务服务站点台账", header: header(.zh),
                               rows: rows.map { $0.map { XLSX.Cell.text($0) } })
        return try XLSX.write(XLSX.Workbook(sheets: [sheet], title: "站点台账", author: countyName))
    }

    public static func csv(county: DivisionCode, showPhones: Bool, encoding: CSV.OutputEncoding = .utf8WithBOM, on db: any Database) async throws -> Data {
        let rows = try await rows(county: county, showPhones: showPhones, language: .zh, on: db)
        return try CSV.write([header(.zh)] + rows, encoding: encoding)
    }
}

/// Monthly operating records in bulk (月度运营数据导入).
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

    public struct Report: Sendable, Equatable, Codable {
        public var saved = 0
        public var warnings: [ImportIssue] = []
    }

    /// All rows or none. Implausible figures are returned as warnings (nothing saved) unless `confirmed`.
    public static func importFile(_ data: Data, county: DivisionCode, confirmed: Bool, actor: AuditActor, now: Date = Date(), on db: any Database) async throws -> Report {
        let file = try TabularFile.read(data, preferredSheet: "月度运营")
        let map = ColumnMap(header: file.header, columns: columns)
        var issues: [ImportIssue] = []
        for c in columns where c.required && map.index[c.key] == nil {
            issues.append(ImportIssue(row: file.headerRow, key: "network.import.missingColumn", args: [c.zh]))
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        let facilities = try await NetworkQueries.facilities(county: county, on: db)
        let byName = Dictionary(facilities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let allRecords = try await NetworkQueries.records(county: county, on: db)
        var history: [UUID: [(Month, RecordValues)]] = [:]
        for r in allRecords { if let m = Month(r.month) { history[r.facilityID, default: []].append((m, r.values)) } }
        let firstDays = try await NetworkQueries.firstStatusDays(county: county, on: db)
        var seen: [String: Int] = [:]
        var ready: [(Facility, Month, RecordValues)] = []
        var warnings: [ImportIssue] = []
        for row in file.rows {
            func v(_ key: String) -> String { map.value(key, row.fields).trimmingCharacters(in: .whitespaces) }
            var rowIssues: [ImportIssue] = []
            let facility = byName[v("name")]
            if facility == nil { rowIssues.append(issue(row.number, "name", map, v("name").isEmpty ? "error.required" : "network.import.unknownStation")) }
            let month = Month(v("month")) ?? monthFromDay(v("month"))
            if month == nil { rowIssues.append(issue(row.number, "month", map, "network.import.month")) }
            var values = RecordValues()
            for metric in RecordMetric.allCases {
                let text = v(metric.rawValue).replacingOccurrences(of: ",", with: "")
                if text.isEmpty { continue }
                if metric.isMoney {
                    guard let money = try? Money(yuan: text), money.fen >= 0 else { rowIssues.append(issue(row.number, metric.rawValue, map, "network.import.amount")); continue }
                    values.set(metric, money.fen)
                } else {
                    let whole = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
                    guard let n = Int(whole), n >= 0, n <= 100_000_000 else { rowIssues.append(issue(row.number, metric.rawValue, map, "network.import.count")); continue }
                    values.set(metric, Int64(n))
                }
            }
            if let facility, let month {
                let key = "\(facility.name)|\(month.text)"
                if let first = seen[key] { rowIssues.append(issue(row.number, "month", map, "network.import.duplicate", ["\(first)"])) }
                seen[key] = row.number
                // The same rules as a record saved on the form (month, bounds), reported by row and column.
                let failure = NetworkService.validate(values, month: month, since: firstDays[facility.id ?? UUID()], now: now)
                for (field, key) in failure.fields.sorted(by: { $0.key < $1.key }) { rowIssues.append(issue(row.number, field, map, key)) }
                if rowIssues.isEmpty {
                    let id = facility.id ?? UUID()
                    for w in Plausibility.check(values, history: history[id] ?? [], month: month) {
                        warnings.append(issue(row.number, w.metric.rawValue, map, "network.plausibility.warning",
                                              [w.metric.isMoney ? Money(fen: w.value).yuanText : "\(w.value)", w.metric.isMoney ? Money(fen: w.median).yuanText : "\(w.median)"]))
                    }
                    ready.append((facility, month, values))
                }
            }
            issues += rowIssues
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        if ready.isEmpty { throw ImportFailed([ImportIssue(row: file.headerRow, key: "network.import.empty")]) }
        if !warnings.isEmpty && !confirmed { return Report(saved: 0, warnings: warnings) }
        let rows = ready
        try await db.transaction { tx in
            for (facility, month, values) in rows {
                _ = try await NetworkService.saveRecord(facility, month: month, values: values, confirmed: true, actor: actor, now: now, on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: OperatingRecord.schema, entityID: "ledger", county: county.value,
                                      new: ["rows": "\(rows.count)"])
        }
        return Report(saved: ready.count, warnings: warnings)
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
