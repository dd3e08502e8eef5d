import Foundation
import XiangcunKit

/// The station ledger (站点台账): one row per facility. Layout in docs/network.md. The layout and
/// the row checks live here; reading the county and writing the rows (`importFile`) and the
/// export live in ServiceNetwork.
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

    public static func header(_ language: Language) -> [String] { columns.map { language == .zh ? $0.zh : $0.en } }

    /// A row that passed every check: the checked facility, and the id of the county's station
    /// of that name (nil: a new station).
    public struct CheckedRow: Sendable {
        public var row: Int
        public var facility: ValidFacility
        public var existingID: UUID?
    }

    /// Checks the header and every row against the county; rows match stations by name.
    /// All rows or none: any problem throws every issue found, left to right within a row.
    public static func check(_ file: TabularFile, context: NetworkContext) throws(ImportFailed) -> [CheckedRow] {
        let map = ColumnMap(header: file.header, columns: columns)
        let missing = columns.filter { $0.required && map.index[$0.key] == nil }
        if !missing.isEmpty {
            throw ImportFailed(missing.map { ImportIssue(row: file.headerRow, key: "network.import.missingColumn", args: [$0.zh]) })
        }
        var seen: [String: Int] = [:]
        var valid: [CheckedRow] = []
        var issues: [ImportIssue] = []
        for row in file.rows {
            var rowIssues: [ImportIssue] = []
            let input = self.input(row, map, &rowIssues)
            let name = input.name.trimmingCharacters(in: .whitespaces)
            if let first = seen[name], !name.isEmpty { rowIssues.append(issue(row.number, "name", map, "network.import.duplicate", ["\(first)"])) }
            seen[name] = row.number
            let existing = context.facilityNames[name]
            switch FacilityValidator.validate(input, context: context, existingID: existing) {
            case .success(let ok) where rowIssues.isEmpty: valid.append(CheckedRow(row: row.number, facility: ok, existingID: existing))
            case .success: break
            case .failure(let failure): rowIssues += failure.fields.map { field, key in validationIssue(row.number, field, key, map) }
            }
            // Left to right within a row.
            issues += rowIssues.sorted { ($0.column?.count ?? 0, $0.column ?? "") < ($1.column?.count ?? 0, $1.column ?? "") }
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        if valid.isEmpty { throw ImportFailed([ImportIssue(row: file.headerRow, key: "network.import.empty")]) }
        return valid
    }

    /// The row as form input; yes/no cells that are neither add an issue.
    static func input(_ row: (number: Int, fields: [String]), _ map: ColumnMap, _ issues: inout [ImportIssue]) -> FacilityInput {
        var input = FacilityInput()
        func v(_ key: String) -> String { map.value(key, row.fields) }
        input.name = v("name"); input.type = v("type"); input.divisionCode = v("divisionCode"); input.address = v("address")
        input.latitude = v("latitude"); input.longitude = v("longitude"); input.areaM2 = v("areaM2")
        input.operatorName = v("operatorName"); input.operatorPhone = v("operatorPhone"); input.servicePhone = v("servicePhone")
        input.contractorName = v("contractorName"); input.openingHours = v("openingHours"); input.status = v("status")
        input.statusSince = v("statusSince"); input.skuCount = v("skuCount"); input.populationServed = v("populationServed")
        input.deliveryRadiusKm = v("deliveryRadiusKm"); input.storageKind = v("storageKind"); input.notes = v("notes")
        input.services = list(v("services")); input.servedDivisions = list(v("servedDivisions"))
        for key in ["signage", "demonstration"] {
            if let f = flag(v(key)) { if key == "signage" { input.signage = f } else { input.demonstration = f } }
            else { issues.append(issue(row.number, key, map, "network.import.yesNo")) }
        }
        return input
    }

    /// A validation error of a row; an unknown type lists the types a ledger may name.
    static func validationIssue(_ row: Int, _ field: String, _ key: String, _ map: ColumnMap) -> ImportIssue {
        guard field == "type" && key == "error.invalid" else { return issue(row, field, map, key) }
        return issue(row, field, map, "network.import.type", [FacilityType.allCases.map { Catalogue.text($0.messageKey, .zh) }.joined(separator: "、")])
    }

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

    static func issue(_ row: Int, _ field: String, _ map: ColumnMap, _ key: String, _ args: [String] = []) -> ImportIssue {
        let header = columns.first { $0.key == field }?.zh
        return ImportIssue(row: row, column: map.column(field), header: header, key: key, args: args)
    }
}
