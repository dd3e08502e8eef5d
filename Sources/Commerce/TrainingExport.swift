import Audit
import CommerceCore
import Divisions
import FluentKit
import Foundation
import XiangcunKit

/// The training ledger as a file (xlsx: counts, sessions, attendance; csv: attendance). ID numbers
/// and phones are masked unless `unmasked` — which only roles that may see personal data ask for,
/// and which is itself written to the audit trail.
public enum TrainingExport {
    public static func file(county: DivisionCode, format: String, unmasked: Bool, language: Language, actor: AuditActor, on db: any Database) async throws -> Data {
        let ledger = try await TrainingQueries.ledger(county: county, on: db)
        let sessionsInOrder = try await TrainingQueries.sessionsInOrder(county: county, on: db)
        let rows = try await TrainingQueries.ledgerRows(county: county, sessions: sessionsInOrder, on: db)
        let townships = try await Division.query(on: db).filter(\.$countyCode == county.value).filter(\.$level == DivisionLevel.township.rawValue).all()
        let names = Dictionary(townships.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        if unmasked {
            try await AuditLog.record(on: db, actor: actor, action: .view, entity: Trainee.schema, entityID: "export", county: county.value,
                                      new: ["field": "idNumber,phone", "rows": "\(rows.count)", "format": format])
        }
        let attendance = rows.map { s, p in
            TrainingLedger.AttendanceRow(day: s.day ?? Day.today(), session: s.title, name: p.name,
                                         idNumber: unmasked ? p.idNumber : p.maskedIDNumber, phone: (unmasked ? p.phone : p.maskedPhone) ?? "",
                                         township: p.townshipCode.flatMap { names[$0] } ?? "", village: p.village, groups: AttendeeGroup.decode(p.groups))
        }
        if format == "csv" { return try TrainingLedger.csv(attendance: attendance, language) }
        let perSession = Dictionary(grouping: rows, by: { $0.0.id ?? UUID() })
        let sessions = sessionsInOrder.map { s in
            let people = perSession[s.id ?? UUID()] ?? []
            return TrainingLedger.SessionRow(day: s.day ?? Day.today(), kind: TrainingKind(rawValue: s.kind) ?? .basic, title: s.title, place: s.place,
                                             trainer: s.trainer, contractor: s.contractorName, hours: s.hours, paired: s.paired,
                                             personTimes: people.count, people: Set(people.map { $0.1.idNumber }).count)
        }
        let countyName = try await DivisionQueries.fullName(of: county, on: db)
        let counts = TrainingLedger.countsSheet(ledger.tally, townshipNames: names, conversion: ledger.conversionRate, converted: ledger.converted,
                                                leaders: ledger.leaders, language)
        return try TrainingLedger.workbook(sessions: sessions, attendance: attendance, counts: counts, county: countyName, language)
    }
}
