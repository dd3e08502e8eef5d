import Documents
import Foundation
import XiangcunKit

/// 培训台账 — the training ledger as exported: sessions, attendances and the counts. ID numbers
/// and phones arrive already masked or whole (the store decides by the reader's role).
public enum TrainingLedger {
    public struct SessionRow: Sendable {
        public var day: Day; public var kind: TrainingKind; public var title: String; public var place: String
        public var trainer: String; public var contractor: String; public var hours: Decimal; public var paired: Bool
        public var personTimes: Int; public var people: Int
        public init(day: Day, kind: TrainingKind, title: String, place: String, trainer: String, contractor: String, hours: Decimal,
                    paired: Bool, personTimes: Int, people: Int) {
            self.day = day; self.kind = kind; self.title = title; self.place = place; self.trainer = trainer; self.contractor = contractor
            self.hours = hours; self.paired = paired; self.personTimes = personTimes; self.people = people
        }
    }

    public struct AttendanceRow: Sendable {
        public var day: Day; public var session: String; public var name: String; public var idNumber: String; public var phone: String
        public var township: String; public var village: String; public var groups: [AttendeeGroup]
        public init(day: Day, session: String, name: String, idNumber: String, phone: String, township: String, village: String, groups: [AttendeeGroup]) {
            self.day = day; self.session = session; self.name = name; self.idNumber = idNumber; self.phone = phone
            self.township = township; self.village = village; self.groups = groups
        }
    }

    static func t(_ key: String, _ language: Language) -> String { Catalogue.text(key, language) }

    public static func sessionSheet(_ rows: [SessionRow], _ l: Language) -> (header: [String], rows: [[XLSX.Cell]]) {
        let header = ["training.field.day", "training.field.kind", "training.field.title", "training.field.place", "training.field.trainer",
                      "training.field.contractor", "training.field.hours", "training.field.paired", "training.personTimes", "training.people"].map { t($0, l) }
        return (header, rows.map { r in
            [.date(r.day), .text(t(r.kind.messageKey, l)), .text(r.title), .text(r.place), .text(r.trainer), .text(r.contractor),
             .decimal(r.hours, places: 1), .text(r.paired ? t("common.yes", l) : ""), .integer(r.personTimes), .integer(r.people)]
        })
    }

    public static func attendanceSheet(_ rows: [AttendanceRow], _ l: Language) -> (header: [String], rows: [[XLSX.Cell]]) {
        let header = ["training.field.day", "training.field.title", "training.field.name", "training.field.idNumber", "training.field.phone",
                      "training.field.township", "training.field.village", "training.field.groups"].map { t($0, l) }
        return (header, rows.map { r in
            [.date(r.day), .text(r.session), .text(r.name), .text(r.idNumber), .text(r.phone), .text(r.township), .text(r.village),
             .text(r.groups.map { t($0.messageKey, l) }.joined(separator: "、"))]
        })
    }

    /// The counts sheet: totals, per kind, per group, per township (names given), conversion.
    public static func countsSheet(_ tally: TrainingTally, townshipNames: [String: String], conversion: Decimal?, converted: Int,
                                   leaders: Int, _ l: Language) -> (header: [String], rows: [[XLSX.Cell]]) {
        var rows: [[XLSX.Cell]] = [[.text(t("training.total", l)), .integer(tally.sessions), .integer(tally.total.personTimes), .integer(tally.total.people)]]
        for kind in TrainingKind.allCases {
            let f = tally.byKind[kind] ?? TrainingFigure(personTimes: 0, people: 0)
            rows.append([.text(t(kind.messageKey, l)), .integer(tally.sessionsByKind[kind] ?? 0), .integer(f.personTimes), .integer(f.people)])
        }
        for group in AttendeeGroup.allCases {
            let f = tally.byGroup[group] ?? TrainingFigure(personTimes: 0, people: 0)
            rows.append([.text(t(group.messageKey, l)), .empty, .integer(f.personTimes), .integer(f.people)])
        }
        for (code, f) in tally.byTownship.sorted(by: { $0.key < $1.key }) {
            rows.append([.text(townshipNames[code] ?? code), .empty, .integer(f.personTimes), .integer(f.people)])
        }
        rows.append([.text(t("training.converted", l)), .empty, .empty, .integer(converted)])
        rows.append([.text(t("training.conversionRate", l)), .empty, .empty, conversion.map { .percent($0 / 100, places: 2) } ?? .empty])
        rows.append([.text(t("training.leaders", l)), .empty, .empty, .integer(leaders)])
        return ([t("training.slice", l), t("training.sessions", l), t("training.personTimes", l), t("training.people", l)], rows)
    }

    /// The whole ledger as one workbook (three sheets).
    public static func workbook(sessions: [SessionRow], attendance: [AttendanceRow], counts: (header: [String], rows: [[XLSX.Cell]]),
                                county: String, _ l: Language) throws -> Data {
        let s = sessionSheet(sessions, l), a = attendanceSheet(attendance, l)
        return try XLSX.write(XLSX.Workbook(sheets: [
            XLSX.Sheet(name: t("training.counts", l), title: county + t("training.ledger", l), header: counts.header, rows: counts.rows),
            XLSX.Sheet(name: t("training.sessions", l), header: s.header, rows: s.rows),
            XLSX.Sheet(name: t("training.attendance", l), header: a.header, rows: a.rows),
        ], title: county + t("training.ledger", l)))
    }

    /// The attendance list as CSV (the sheet most often asked for), with the counts first.
    public static func csv(attendance: [AttendanceRow], _ l: Language) throws -> Data {
        let a = attendanceSheet(attendance, l)
        return try CSV.write([a.header] + a.rows.map { $0.map(text) })
    }

    static func text(_ cell: XLSX.Cell) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return "\(i)"
        case .date(let d): return d.iso
        case .decimal(let d, _): return "\(d)"
        default: return ""
        }
    }
}
