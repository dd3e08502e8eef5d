import Documents
import Foundation
import NetworkCore
import XiangcunKit

/// One attendee as typed on a form or read from a sign-in sheet row, before checking.
public struct AttendeeInput: Sendable, Equatable {
    public var name = ""
    public var idNumber = ""
    public var phone = ""
    public var township = ""
    public var village = ""
    public var groups = ""
    public init() {}
    public init(name: String, idNumber: String, phone: String = "", township: String = "", village: String = "", groups: String = "") {
        self.name = name; self.idNumber = idNumber; self.phone = phone; self.township = township; self.village = village; self.groups = groups
    }
}

/// An attendee that passed every check.
public struct CheckedAttendee: Sendable, Equatable {
    public var row: Int
    public var name: String
    /// Upper-case, 18 characters, GB 11643 check character verified.
    public var idNumber: String
    public var phone: String?
    public var townshipCode: String?
    public var village: String
    public var groups: [AttendeeGroup]
}

/// 签到表 — the usual sign-in sheet of a training session (Excel or CSV): one row per person.
/// Checks: name, ID number (GB 11643), phone (11 digits), township (a name of the county's
/// townships), groups (known words); an ID number seen with two names — within the sheet or
/// against the county's people already recorded — is an error; so is a person listed twice.
public enum SignInSheet {
    public static let columns: [LedgerColumn] = [
        LedgerColumn("name", "姓名", "Name", required: true),
        LedgerColumn("idNumber", "身份证号", "ID number", aliases: ["身份证号码", "身份证"], required: true),
        LedgerColumn("phone", "手机号", "Phone", aliases: ["联系电话", "电话", "手机号码"]),
        LedgerColumn("township", "乡镇", "Township", aliases: ["乡镇（街道）", "乡镇(街道)", "所在乡镇"]),
        LedgerColumn("village", "村", "Village", aliases: ["所在村", "村（社区）", "行政村"]),
        LedgerColumn("groups", "群体", "Groups", aliases: ["重点群体", "人员类别", "类别"]),
    ]

    public static func header(_ language: Language) -> [String] { columns.map { language == .zh ? $0.zh : $0.en } }

    /// What the county already knows: its townships by name, and the name recorded for each ID number.
    public struct Context: Sendable {
        public var townships: [String: String]
        public var knownNames: [String: String]
        public init(townships: [String: String], knownNames: [String: String]) { self.townships = townships; self.knownNames = knownNames }
    }

    /// Checks one attendee; problems are added as (column key, message key, args).
    public static func check(_ input: AttendeeInput, row: Int, context: Context, problems: inout [(String, String, [String])]) -> CheckedAttendee? {
        var failure = ValidationFailure()
        let name = FieldRules.name(input.name, field: "name", limit: 40, into: &failure)
        if let key = failure.fields["name"] { problems.append(("name", key, [])) }
        let id = input.idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        if id.isEmpty { problems.append(("idNumber", "error.required", [])) }
        else if !Identifiers.isValidIDNumber(id) { problems.append(("idNumber", "training.error.idNumber", [])) }
        else if let name, let known = context.knownNames[id], known != name { problems.append(("idNumber", "training.error.idTwoNames", [known])) }
        let phone = input.phone.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: "")
        if !phone.isEmpty, !(phone.count == 11 && phone.hasPrefix("1") && phone.allSatisfy { $0.isASCII && $0.isNumber }) {
            problems.append(("phone", "training.error.phone", []))
        }
        let townshipName = input.township.trimmingCharacters(in: .whitespaces)
        let township = townshipName.isEmpty ? nil : context.townships[townshipName]
        if !townshipName.isEmpty, township == nil { problems.append(("township", "training.error.township", [townshipName])) }
        var villageFailure = ValidationFailure()
        let village = FieldRules.name(input.village, field: "village", limit: 40, required: false, into: &villageFailure) ?? ""
        if let key = villageFailure.fields["village"] { problems.append(("village", key, [])) }
        let (groups, unknown) = AttendeeGroup.parseList(input.groups)
        if let word = unknown.first { problems.append(("groups", "training.error.group", [word])) }
        guard problems.isEmpty, let name else { return nil }
        return CheckedAttendee(row: row, name: name, idNumber: id, phone: phone.isEmpty ? nil : phone, townshipCode: township,
                               village: village, groups: groups)
    }

    /// Checks a whole sheet: every row, or every issue found (row, column letter and header).
    public static func check(_ file: TabularFile, context: Context) throws(ImportFailed) -> [CheckedAttendee] {
        let map = ColumnMap(header: file.header, columns: columns)
        let missing = columns.filter { $0.required && map.index[$0.key] == nil }
        if !missing.isEmpty {
            throw ImportFailed(missing.map { ImportIssue(row: file.headerRow, key: "network.import.missingColumn", args: [$0.zh]) })
        }
        var issues: [ImportIssue] = [], checked: [CheckedAttendee] = []
        var seen: [String: (row: Int, name: String)] = [:]
        for row in file.rows {
            let input = AttendeeInput(name: map.value("name", row.fields), idNumber: map.value("idNumber", row.fields),
                                      phone: map.value("phone", row.fields), township: map.value("township", row.fields),
                                      village: map.value("village", row.fields), groups: map.value("groups", row.fields))
            var problems: [(String, String, [String])] = []
            let attendee = check(input, row: row.number, context: context, problems: &problems)
            if let attendee, let earlier = seen[attendee.idNumber] {
                problems.append(earlier.name == attendee.name ? ("idNumber", "training.error.duplicate", ["\(earlier.row)"])
                                                              : ("idNumber", "training.error.idTwoNamesRow", [earlier.name, "\(earlier.row)"]))
            }
            if let attendee { seen[attendee.idNumber] = seen[attendee.idNumber] ?? (row.number, attendee.name) }
            issues += problems.map { key, message, args in
                ImportIssue(row: row.number, column: map.column(key), header: columns.first { $0.key == key }?.zh, key: message, args: args)
            }
            if problems.isEmpty, let attendee { checked.append(attendee) }
        }
        if file.rows.isEmpty { issues.append(ImportIssue(row: file.headerRow, key: "network.import.empty")) }
        guard issues.isEmpty else { throw ImportFailed(issues) }
        return checked
    }

    /// An empty sheet to fill in (with one example row marked 示例).
    public static func template() throws -> Data {
        let sheet = XLSX.Sheet(name: "签到表", title: "培训签到表（示例行请删除）", header: header(.zh),
                               rows: [["张三（示例）", "330823199001011237", "13800000000", "妙高街道", "示例村", "返乡创业人员、妇女"]],
                               columnWidths: [0: 16, 1: 22, 2: 14, 3: 14, 4: 14, 5: 22])
        return try XLSX.write(XLSX.Workbook(sheets: [sheet], title: "培训签到表"))
    }
}
