import FluentKit
import Foundation
import LogisticsCore
import SQLKit
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
    /// Set by this batch's scans (written back in one statement per shape).
    var arrivedAt: Date?
    var pickedUpAt: Date?

    var scanKind: ScanKind { ScanKind(rawValue: status) ?? .received }
    var parcelDirection: Direction { Direction(rawValue: direction) ?? .inbound }

    static let columns = ["id", "waybill", "carrier_code", "direction", "status", "station_id", "weight_g", "month", "intake_day", "pickup_code"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        waybill = try row.decode(column: "waybill", as: String.self)
        carrierCode = try row.decode(column: "carrier_code", as: String.self)
        direction = try row.decode(column: "direction", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        stationID = try row.decode(column: "station_id", as: UUID?.self)
        weightGrams = try row.decode(column: "weight_g", as: Int.self)
        month = try row.decode(column: "month", as: String.self)
        intakeDay = try row.decode(column: "intake_day", as: String.self)
        pickupCode = try row.decode(column: "pickup_code", as: String?.self)
    }

    /// Parcels of a county by waybill, one query per `LogisticsBulk` chunk.
    static func byWaybill(_ waybills: [String], county: DivisionCode, on sql: any SQLDatabase) async throws -> [String: ParcelState] {
        var found: [String: ParcelState] = [:]
        let unique = Array(Set(waybills))
        let per = LogisticsBulk.rowsPerStatement(columns: 1)
        for start in stride(from: 0, to: unique.count, by: per) {
            let rows = try await sql.select().columns(columns.map { SQLIdentifier($0) }).from(Parcel.schema)
                .where("county_code", .equal, county.value)
                .where(SQLIdentifier("waybill"), .in, SQLBind.group(Array(unique[start..<min(start + per, unique.count)])))
                .all()
            for row in rows {
                let p = try ParcelState(row: row)
                found[p.waybill] = p
            }
        }
        return found
    }

    /// Writes the batch's final states back: one UPDATE … FROM (VALUES …) per shape (which of
    /// the arrival / pick-up columns changed), the same SQL on both engines.
    static func save(_ parcels: [ParcelState], on sql: any SQLDatabase) async throws {
        let shapes = Dictionary(grouping: parcels) { ($0.arrivedAt != nil ? 1 : 0) + ($0.pickedUpAt != nil ? 2 : 0) }
        // Rows in id order: concurrent batches lock shared parcels in the same order.
        for (shape, group) in shapes.mapValues({ $0.sorted { $0.id.uuidString < $1.id.uuidString } }) {
            var sets = ["status = v.column2"]
            if shape & 1 != 0 { sets += ["arrived_at = v.column3", "pickup_code = v.column4"] }
            if shape & 2 != 0 { sets.append("picked_up_at = v.column5") }
            let per = LogisticsBulk.rowsPerStatement(columns: 5)
            for start in stride(from: 0, to: group.count, by: per) {
                let rows = group[start..<min(start + per, group.count)].map { p -> SQLGroupExpression in
                    let values: [any Encodable & Sendable] = [p.id, p.status, p.arrivedAt ?? Date(timeIntervalSince1970: 0),
                                                              p.pickupCode ?? "", p.pickedUpAt ?? Date(timeIntervalSince1970: 0)]
                    return SQLGroupExpression(SQLList(values.map { SQLBind($0) }))
                }
                try await sql.raw("""
                    UPDATE \(ident: Parcel.schema) SET \(unsafeRaw: sets.joined(separator: ", "))
                    FROM (VALUES \(SQLList(rows))) AS v WHERE \(ident: Parcel.schema).id = v.column1
                    """).run()
            }
        }
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
    static func addCounts(to table: String, keys: [String], counts: [String], rows: [[any SQLExpression]], on sql: any SQLDatabase) async throws {
        let perChunk = rowsPerStatement(columns: keys.count + counts.count)
        for start in stride(from: 0, to: rows.count, by: perChunk) {
            let insert = sql.insert(into: table).columns(keys + counts)
            for row in rows[start..<min(start + perChunk, rows.count)] { insert.values(row) }
            insert.onConflict(with: keys) { update in
                for column in counts { update.set(column, to: SQLRaw("\(table).\(column) + excluded.\(column)")) }
                return update
            }
            try await insert.run()
        }
    }
}
