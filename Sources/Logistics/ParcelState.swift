import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// What a scan needs to know and change of a parcel (its state), read with one plain SQL query
/// per batch: decoding whole Fluent models row by row was most of a scan batch's cost.
struct ParcelState: Sendable {
    var id: UUID
    var waybill: String
    var carrierCode: String
    var direction: String
    var status: String
    var stationID: UUID?
    var weightGrams: Int
    var month: String
    var intakeDay: String
    var pickupCode: String?
    /// The id's text: a scan's key beside its kind. (Made only where asked: most batches never do.)
    var key: String { id.text }
    /// Set by this batch's scans (written back in one statement per shape).
    var arrivedAt: Date?
    var pickedUpAt: Date?

    /// Which of the arrival (1) and pick-up (2) columns this batch set: the UPDATE's shape.
    var shape: Int { (arrivedAt != nil ? 1 : 0) + (pickedUpAt != nil ? 2 : 0) }

    var scanKind: ScanKind { ScanKind(rawValue: status) ?? .received }
    var parcelDirection: Direction { Direction(rawValue: direction) ?? .inbound }

    static let columns = ["id", "waybill", "carrier_code", "direction", "status", "station_id", "weight_g", "month", "intake_day", "pickup_code"]

    init?(_ row: BulkRow) {
        guard let id = row.uuid(0), let waybill = row.text(1), let carrier = row.text(2), let direction = row.text(3), let status = row.text(4),
              let weight = row.int(6), let month = row.text(7), let intakeDay = row.text(8) else { return nil }
        self.id = id; self.waybill = waybill; self.carrierCode = carrier; self.direction = direction; self.status = status
        self.stationID = row.uuid(5); self.weightGrams = weight; self.month = month; self.intakeDay = intakeDay; self.pickupCode = row.text(9)
    }

    /// Parcels of a county by waybill, one query per `LogisticsBulk` chunk, read by position.
    /// Inside a transaction on PostgreSQL the rows are locked, in id order: the batch then writes
    /// what it read, and concurrent batches wait for each other in one order (no deadlock).
    static func byWaybill(_ waybills: [String], county: DivisionCode, on db: any Database) async throws -> [String: ParcelState] {
        var found: [String: ParcelState] = [:]
        let unique = Array(Set(waybills)), engine = BulkStatement.engine(of: db)
        let per = LogisticsBulk.rowsPerStatement(columns: 1)
        for start in stride(from: 0, to: unique.count, by: per) {
            var b = BulkStatement.Builder(engine)
            b.sql = "SELECT " + columns.map(BulkStatement.quoted).joined(separator: ", ") + " FROM \(BulkStatement.quoted(Parcel.schema)) WHERE county_code = "
            b.add(.text(county.value))
            b.sql += " AND waybill"
            b.isIn(texts: Array(unique[start..<min(start + per, unique.count)]))
            if engine == .postgres, db.inTransaction { b.sql += " ORDER BY id FOR UPDATE" }
            for p in try await b.statement.rows(on: db, ParcelState.init) { found[p.waybill] = p }
        }
        return found
    }

    /// Writes the batch's final states back (inside its transaction).
    static func save(_ parcels: [ParcelState], on db: any Database) async throws {
        for statement in updates(parcels.map { (nil, $0) }, engine: BulkStatement.engine(of: db)) { try await statement.run(on: db) }
    }

    /// The UPDATEs that write final states: parcels whose status alone changed in one
    /// `UPDATE … WHERE id IN (…)` per new status (most scans); the others by shape (which of
    /// the arrival / pick-up columns changed) in `UPDATE … FROM (VALUES …)`.
    /// `read`: the parcel as read before the write lock was taken; its row is then written only
    /// where its status, and a station it lacked, are still as read (the caller counts the rows).
    static func updates(_ changes: [(read: ParcelState?, final: ParcelState)], engine: BulkStatement.Engine) -> [BulkStatement] {
        struct Group: Hashable {
            var shape: Int
            var status: String
            var was: String?
            var lacksStation: Bool
        }
        // Rows in the order given: PostgreSQL takes them in its plan's order anyway (index order
        // for `= ANY`, table order for a scan). Of two batches that deadlock, the one PostgreSQL
        // ends is stale (`ScanBatch.isStale`) and done again with its rows locked in id order.
        let groups = Dictionary(grouping: changes) { c in
            Group(shape: c.final.shape, status: c.final.shape == 0 ? c.final.status : "",
                  was: c.read?.status, lacksStation: c.read.map { $0.stationID == nil } ?? false)
        }
        let table = BulkStatement.quoted(Parcel.schema)
        var statements: [BulkStatement] = []
        for (group, rows) in groups {
            let guardSQL = group.lacksStation ? " AND \(table).station_id IS NULL" : ""
            if group.shape == 0 {
                for chunk in chunked(rows, columns: 1) {
                    var b = BulkStatement.Builder(engine)
                    b.sql = "UPDATE \(table) SET status = "
                    b.add(.text(group.status))
                    b.sql += " WHERE id"
                    b.isIn(uuids: chunk.map(\.final.id))
                    if let was = group.was {
                        b.sql += " AND status = "
                        b.add(.text(was))
                    }
                    b.sql += guardSQL
                    statements.append(b.statement)
                }
                continue
            }
            var sets = ["status = v.column2"]
            if group.shape & 1 != 0 { sets += ["arrived_at = v.column3", "pickup_code = v.column4"] }
            if group.shape & 2 != 0 { sets.append("picked_up_at = v.column5") }
            for chunk in chunked(rows, columns: 6) {
                var b = BulkStatement.Builder(engine)
                b.sql = "UPDATE \(table) SET \(sets.joined(separator: ", ")) FROM "
                b.table(chunk.map { c -> [BulkValue] in
                    let p = c.final
                    return [.uuid(p.id), .text(p.status), .date(p.arrivedAt ?? Date(timeIntervalSince1970: 0)), .text(p.pickupCode ?? ""),
                            .date(p.pickedUpAt ?? Date(timeIntervalSince1970: 0)), .text(c.read?.status ?? "")]
                }, width: 6)
                b.sql += " WHERE \(table).id = v.column1" + (group.was == nil ? "" : " AND \(table).status = v.column6") + guardSQL
                statements.append(b.statement)
            }
        }
        return statements
    }

    /// Slices of at most as many rows as the bind limit allows.
    static func chunked<T>(_ rows: [T], columns: Int) -> [ArraySlice<T>] {
        let per = LogisticsBulk.rowsPerStatement(columns: columns)
        return stride(from: 0, to: rows.count, by: per).map { rows[$0..<min($0 + per, rows.count)] }
    }
}

/// How many rows go into one multi-row statement: as many as the engines' bind limits allow
/// (SQLite 32,766, PostgreSQL 65,535), so a batch of thousands is a handful of statements.
/// The raw baseline of `bench ingest` uses the same chunks.
public enum LogisticsBulk {
    public static let bindsPerStatement = 30_000

    public static func rowsPerStatement(columns: Int) -> Int { max(1, bindsPerStatement / max(1, columns)) }

    /// Adds counts to a rollup table: each row is inserted, or on its key its counts are added
    /// to the stored ones. `rows`: the key columns' values, then one value per count column.
    static func addCounts(to table: String, keys: [String], counts: [String], rows: [[BulkValue]], on db: any Database) async throws {
        let perChunk = rowsPerStatement(columns: keys.count + counts.count)
        let add = counts.map { "\(BulkStatement.quoted($0)) = \(BulkStatement.quoted(table)).\(BulkStatement.quoted($0)) + excluded.\(BulkStatement.quoted($0))" }
        let tail = " ON CONFLICT (" + keys.map(BulkStatement.quoted).joined(separator: ", ") + ") DO UPDATE SET " + add.joined(separator: ", ")
        for start in stride(from: 0, to: rows.count, by: perChunk) {
            try await BulkStatement.insert(BulkStatement.engine(of: db), into: table, columns: keys + counts,
                                           rows: rows[start..<min(start + perChunk, rows.count)], tail: tail).run(on: db)
        }
    }
}
