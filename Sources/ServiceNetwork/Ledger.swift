import Audit
import Documents
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

/// The station ledger against the database: import (all rows or none, in one transaction with
/// its audit entry) and export. The layout and row checks are `NetworkCore.StationLedger`.
extension StationLedger {
    public struct Report: Sendable, Equatable, Codable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// Parses and checks every row; nothing is written unless every row is valid.
    public static func importFile(_ data: Data, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> Report {
        let file = try TabularFile.read(data, preferredSheet: "站点台账")
        let rows = try check(file, context: try await NetworkContext.load(county: county, on: db))
        return try await db.writeTransaction { tx in
            var report = Report()
            for row in rows {
                if let existingID = row.existingID, let f = try await NetworkQueries.facility(existingID, county: county, on: tx) {
                    let before = f.auditValues
                    try await NetworkService.apply(row.facility, to: f, county: county, actor: actor, on: tx)
                    if f.auditValues == before { report.unchanged += 1 } else { report.updated += 1 }
                } else {
                    _ = try await NetworkService.insert(row.facility, county: county, actor: actor, sample: false, on: tx)
                    report.created += 1
                }
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: Facility.schema, entityID: "ledger", county: county.value,
                                      new: ["rows": "\(rows.count)", "created": "\(report.created)", "updated": "\(report.updated)"])
            return report
        }
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

/// Monthly records in bulk against the database. The layout and row checks are `NetworkCore.RecordLedger`.
extension RecordLedger {
    public struct Report: Sendable, Equatable, Codable {
        public var saved = 0
        public var warnings: [ImportIssue] = []
    }

    /// All rows or none. Implausible figures are returned as warnings (nothing saved) unless `confirmed`.
    public static func importFile(_ data: Data, county: DivisionCode, confirmed: Bool, actor: AuditActor, now: Date = Date(), on db: any Database) async throws -> Report {
        let file = try TabularFile.read(data, preferredSheet: "月度运营")
        let facilities = try await NetworkQueries.facilities(county: county, on: db)
        let checked = try check(file, stations: try await stations(facilities, county: county, on: db), now: now)
        if !checked.warnings.isEmpty && !confirmed { return Report(saved: 0, warnings: checked.warnings) }
        let byID = Dictionary(facilities.compactMap { f in f.id.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        let rows = checked.records.compactMap { r in byID[r.facilityID].map { (facility: $0, record: r) } }
        try await db.writeTransaction { tx in
            for row in rows {
                _ = try await NetworkService.saveRecord(row.facility, month: row.record.month, values: row.record.values, confirmed: true,
                                                        actor: actor, now: now, on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: OperatingRecord.schema, entityID: "ledger", county: county.value,
                                      new: ["rows": "\(rows.count)"])
        }
        return Report(saved: rows.count, warnings: checked.warnings)
    }

    /// The county's stations by name, their earlier records and first status days.
    static func stations(_ facilities: [Facility], county: DivisionCode, on db: any Database) async throws -> Stations {
        var byName: [String: UUID] = [:]
        for f in facilities where byName[f.name] == nil { if let id = f.id { byName[f.name] = id } }
        var history: [UUID: [(Month, RecordValues)]] = [:]
        for r in try await NetworkQueries.records(county: county, on: db) {
            if let m = Month(r.month) { history[r.facilityID, default: []].append((m, r.values)) }
        }
        return Stations(byName: byName, history: history, firstDays: try await NetworkQueries.firstStatusDays(county: county, on: db))
    }
}
