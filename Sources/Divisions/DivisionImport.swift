import Audit
import FluentKit
import Foundation
import XiangcunKit

/// One parsed line of a division list, before it touches the database.
public struct DivisionRow: Sendable, Equatable {
    public var line: Int
    public var code: DivisionCode
    public var name: String
    public var urbanRuralClass: String?
    public var sample: Bool
}

/// A rejected line: its number in the file and the reason.
public struct RowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}

public struct DivisionImportFailed: Error, Sendable {
    public var errors: [RowError]
    public init(errors: [RowError]) { self.errors = errors }
}

public struct DivisionImportReport: Sendable, Equatable, Codable {
    public var added = 0
    public var renamed = 0
    public var deactivated = 0
    public var unchanged = 0
}

/// Parses CSV records in the NBS shape `code,name[,urbanRuralClass]` or in the shape of the
/// shared lists (`code,name,parentCode…`). A header line is recognised and skipped.
public enum DivisionListParser {
    /// NBS urban-rural class codes (城乡分类代码).
    static let urbanRuralClasses: Set<String> = ["111", "112", "121", "122", "123", "210", "220"]

    public static func parse(records: [(line: Int, fields: [String])], sample: Bool = false) -> Result<[DivisionRow], DivisionImportFailed> {
        var rows: [DivisionRow] = []
        var errors: [RowError] = []
        var seen: [String: Int] = [:]
        var classColumn: Int? = nil
        for (index, record) in records.enumerated() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.allSatisfy(\.isEmpty) { continue }
            if index == 0, let first = fields.first, !first.isEmpty, !first.allSatisfy(\.isNumber) {
                classColumn = fields.firstIndex { ["urbanruralclass", "城乡分类代码", "城乡分类", "class"].contains($0.lowercased()) }
                continue
            }
            guard fields.count >= 2 else {
                errors.append(RowError(line: record.line, message: "expected at least 2 columns (code, name), found \(fields.count)"))
                continue
            }
            let code: DivisionCode
            do { code = try DivisionCode(fields[0]) } catch {
                errors.append(RowError(line: record.line, message: error.message)); continue
            }
            let name = fields[1]
            guard !name.isEmpty else { errors.append(RowError(line: record.line, message: "name is empty")); continue }
            guard name.count <= 100 else { errors.append(RowError(line: record.line, message: "name is longer than 100 characters")); continue }
            var urbanRural: String? = nil
            let candidate = classColumn.flatMap { fields.indices.contains($0) ? fields[$0] : nil } ?? (fields.count >= 3 ? fields[2] : nil)
            if let candidate, !candidate.isEmpty {
                if urbanRuralClasses.contains(candidate) { urbanRural = candidate }
                else if classColumn != nil { errors.append(RowError(line: record.line, message: "urban-rural class \(candidate) is not an NBS class code")); continue }
            }
            if let earlier = seen[code.value] {
                errors.append(RowError(line: record.line, message: "code \(code.value) repeats line \(earlier)")); continue
            }
            seen[code.value] = record.line
            rows.append(DivisionRow(line: record.line, code: code, name: name, urbanRuralClass: urbanRural, sample: sample))
        }
        if rows.isEmpty && errors.isEmpty { errors.append(RowError(line: 1, message: "the file has no division rows")) }
        return errors.isEmpty ? .success(rows) : .failure(DivisionImportFailed(errors: errors))
    }
}

public enum DivisionImporter {
    /// Imports rows in one transaction: all or nothing. Units absent from the list under a
    /// parent that the list covers are marked inactive; renamed units keep their history
    /// in the audit trail.
    public static func importRows(_ rows: [DivisionRow], effective: Day = .today(), actor: AuditActor, on db: any Database) async throws -> DivisionImportReport {
        try await db.writeTransaction { tx in
            let existing = try await existingDivisions(touchedBy: rows, on: tx)
            let fileCodes = Set(rows.map(\.code.value))
            try checkParents(rows, missing: try await missingParents(rows, fileCodes: fileCodes, existing: existing, on: tx))
            var report = DivisionImportReport()
            var fresh: [Division] = []
            // A unit new to an area that was listed before appeared on this day; in an area listed
            // for the first time it counts from the start.
            let listedAreas = try await areasListedBefore(rows, on: tx)
            for row in rows {
                if let current = existing[row.code.value] {
                    try await update(current, with: row, actor: actor, report: &report, on: tx)
                } else {
                    let division = Division(code: row.code, name: row.name, urbanRuralClass: row.urbanRuralClass, sample: row.sample)
                    if listedAreas.contains(Area(row.code)) { division.listedFrom = effective.iso }
                    fresh.append(division)
                }
            }
            for chunk in fresh.chunked() { try await chunk.create(on: tx) }
            report.added = fresh.count
            report.deactivated = try await deactivateMissing(rows, fileCodes: fileCodes, effective: effective, actor: actor, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: Division.schema, entityID: "list",
                                      county: singleCounty(rows), new: ["rows": "\(rows.count)", "added": "\(report.added)",
                                      "renamed": "\(report.renamed)", "deactivated": "\(report.deactivated)"])
            return report
        }
    }

    static func singleCounty(_ rows: [DivisionRow]) -> String? {
        let counties = Set(rows.compactMap(\.code.county?.value))
        return counties.count == 1 ? counties.first : nil
    }

    static func existingDivisions(touchedBy rows: [DivisionRow], on db: any Database) async throws -> [String: Division] {
        var result: [String: Division] = [:]
        for part in rows.map(\.code.value).chunked() {
            for division in try await Division.query(on: db).filter(\.$id ~~ part).all() {
                if let id = division.id { result[id] = division }
            }
        }
        return result
    }

    static func missingParents(_ rows: [DivisionRow], fileCodes: Set<String>, existing: [String: Division], on db: any Database) async throws -> Set<String> {
        let parents = Set(rows.compactMap(\.code.parent?.value)).subtracting(fileCodes).subtracting(existing.keys)
        guard !parents.isEmpty else { return [] }
        var found = Set<String>()
        for part in Array(parents).chunked() {
            for d in try await Division.query(on: db).filter(\.$id ~~ part).all() { if let id = d.id { found.insert(id) } }
        }
        return parents.subtracting(found)
    }

    static func checkParents(_ rows: [DivisionRow], missing: Set<String>) throws {
        guard !missing.isEmpty else { return }
        let errors = rows.compactMap { row -> RowError? in
            guard let parent = row.code.parent?.value, missing.contains(parent) else { return nil }
            return RowError(line: row.line, message: "parent division \(parent) does not exist; import it first")
        }
        throw DivisionImportFailed(errors: errors)
    }

    static func update(_ current: Division, with row: DivisionRow, actor: AuditActor, report: inout DivisionImportReport, on db: any Database) async throws {
        let old: AuditValues = ["name": current.name, "active": "\(current.active)", "urbanRuralClass": current.urbanRuralClass ?? ""]
        let urbanRural = row.urbanRuralClass ?? current.urbanRuralClass
        guard current.name != row.name || !current.active || current.urbanRuralClass != urbanRural else { report.unchanged += 1; return }
        current.name = row.name
        current.active = true
        current.delistedOn = nil
        current.urbanRuralClass = urbanRural
        try await current.save(on: db)
        report.renamed += 1
        try await AuditLog.recordChanges(on: db, actor: actor, entity: Division.schema, entityID: row.code.value, county: current.countyCode,
                                         old: old, new: ["name": current.name, "active": "\(current.active)", "urbanRuralClass": current.urbanRuralClass ?? ""])
    }

    /// A level under a parent: the set of units one list names together.
    struct Area: Hashable {
        var level: Int
        var parent: String
        init(_ code: DivisionCode) { level = code.level.rawValue; parent = code.parent?.value ?? "" }
        init(level: Int, parent: String) { self.level = level; self.parent = parent }
    }

    /// The areas of `rows` that already had units before this import.
    static func areasListedBefore(_ rows: [DivisionRow], on db: any Database) async throws -> Set<Area> {
        var parentsByLevel: [Int: Set<String>] = [:]
        for row in rows { if let parent = row.code.parent?.value { parentsByLevel[row.code.level.rawValue, default: []].insert(parent) } }
        var listed = Set<Area>()
        for (level, parents) in parentsByLevel {
            for part in Array(parents).chunked() {
                for d in try await Division.query(on: db).filter(\.$level == level).filter(\.$parentCode ~~ part).all() {
                    if let parent = d.parentCode { listed.insert(Area(level: level, parent: parent)) }
                }
            }
        }
        return listed
    }

    /// For every (level, parent) the list covers, active units not in the list become inactive.
    static func deactivateMissing(_ rows: [DivisionRow], fileCodes: Set<String>, effective: Day, actor: AuditActor, on db: any Database) async throws -> Int {
        var groups: [Int: Set<String>] = [:]
        for row in rows { if let parent = row.code.parent?.value { groups[row.code.level.rawValue, default: []].insert(parent) } }
        var count = 0
        for (level, parents) in groups {
            for part in Array(parents).chunked() {
                let gone = try await Division.query(on: db).filter(\.$level == level).filter(\.$parentCode ~~ part)
                    .filter(\.$active == true).all().filter { !fileCodes.contains($0.id ?? "") }
                for division in gone {
                    division.active = false
                    division.delistedOn = effective.iso
                    try await division.save(on: db)
                    try await AuditLog.record(on: db, actor: actor, action: .update, entity: Division.schema, entityID: division.id ?? "",
                                              county: division.countyCode, old: ["active": "true"], new: ["active": "false"])
                    count += 1
                }
            }
        }
        return count
    }
}

extension Array {
    /// Slices of at most `size` elements, to keep `IN (…)` lists and bulk inserts under the
    /// engines' bound-parameter limits.
    func chunked(_ size: Int = 500) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
