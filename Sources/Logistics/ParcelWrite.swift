import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// The writes of one intake batch, prepared before its transaction: the parcel INSERTs (skipping
/// waybills the county has), and the first scans and rollup for the case where every parcel is
/// new (the usual one). `run` inside the transaction writes them, or, when some waybills
/// existed, the scans and rollup of the created ones only.
struct ParcelWrite: Sendable {
    struct Row: Sendable {
        var record: ParcelRecord
        var station: UUID?
        var mismatch: Bool
        var id = UUID.random()
    }

    static let columns = [
        "id", "county_code", "waybill", "carrier_code", "direction", "status", "recipient_name", "recipient_phone", "phone_last4",
        "village_code", "address", "station_id", "weight_g", "cod_fen", "pickup_code", "producer", "product", "month", "intake_day",
        "received_at", "exception", "carrier_mismatch", "sample",
    ]

    let rows: [Row]
    let county: String
    let actor: String
    let engine: BulkStatement.Engine
    let values: [[BulkValue]]
    /// The parcel INSERTs: on SQLite skipping existing waybills; on PostgreSQL plain (see `run`).
    let parcels: [BulkStatement]
    /// Scans and rollup if every parcel is created.
    let allScans: [BulkStatement]
    let allRollup: DailyRollup

    init(_ rows: [Row], county: String, actor: String, sample: Bool, engine: BulkStatement.Engine) {
        self.rows = rows
        self.county = county
        self.actor = actor
        self.engine = engine
        var days = DayTexts()
        values = rows.map { Self.values($0, county: county, sample: sample, day: days.iso($0.record.receivedAt)) }
        parcels = Self.inserts(values, engine: engine, tail: engine == .sqlite ? Self.skipExisting : "")
        (allScans, allRollup) = Self.firstScans(rows[...], county: county, actor: actor, engine: engine)
    }

    static let skipExisting = " ON CONFLICT (county_code, waybill) DO NOTHING"

    static func inserts(_ values: [[BulkValue]], engine: BulkStatement.Engine, tail: String) -> [BulkStatement] {
        let per = LogisticsBulk.rowsPerStatement(columns: columns.count)
        return stride(from: 0, to: values.count, by: per).map {
            BulkStatement.insert(engine, into: Parcel.schema, columns: columns, rows: values[$0..<min($0 + per, values.count)], tail: tail)
        }
    }

    /// Writes the batch (call inside a transaction); returns the waybills created.
    ///
    /// `assumingNew` (PostgreSQL): the parcels are inserted without `ON CONFLICT`, whose check
    /// of the waybill index before each insert was a tenth of the server's time in `bench ingest`;
    /// a waybill that exists then fails the statement with a unique violation, and the caller
    /// rolls back and runs the batch again with `assumingNew: false` (`ParcelIngest`).
    func run(on db: any Database, assumingNew: Bool) async throws -> Set<String> {
        let waybills = try await created(on: db, assumingNew: assumingNew)
        if waybills.count == rows.count {
            for statement in allScans { try await statement.run(on: db) }
            try await allRollup.apply(county: county, on: db)
        } else if !waybills.isEmpty {
            let (scans, rollup) = Self.firstScans(rows.filter { waybills.contains($0.record.waybill) }[...], county: county, actor: actor, engine: engine)
            for statement in scans { try await statement.run(on: db) }
            try await rollup.apply(county: county, on: db)
        }
        return waybills
    }

    /// Inserts the parcels; returns the waybills created.
    func created(on db: any Database, assumingNew: Bool) async throws -> Set<String> {
        switch (engine, assumingNew) {
        case (.sqlite, _):
            return try await createdOnSQLite(on: db)
        case (.postgres, true):
            for statement in parcels { try await statement.run(on: db) }
            return Set(rows.map(\.record.waybill))
        case (.postgres, false):
            var created = Set<String>()
            for statement in Self.inserts(values, engine: engine, tail: Self.skipExisting + " RETURNING waybill") {
                created.formUnion(try await statement.rows(on: db) { $0.text(0) })
            }
            return created
        }
    }

    /// SQLite: the rows are counted (a RETURNING clause costs a sixth of the insert there); only
    /// when some waybills existed already are the created ones looked up, by the ids this batch
    /// gave them.
    func createdOnSQLite(on db: any Database) async throws -> Set<String> {
        var waybills = Set<String>()
        var inserted = 0
        for statement in parcels { inserted += try await statement.changedRows(on: db) }
        if inserted == rows.count { return Set(rows.map(\.record.waybill)) }
        guard inserted > 0 else { return [] }
        for chunk in ParcelState.chunked(rows, columns: 1) {
            var b = BulkStatement.Builder(engine)
            b.sql = "SELECT waybill FROM \(BulkStatement.quoted(Parcel.schema)) WHERE id IN "
            b.list(chunk.map { .uuid($0.id) })
            waybills.formUnion(try await b.statement.rows(on: db) { $0.text(0) })
        }
        return waybills
    }

    /// The first scan of each parcel (received at the centre, or collected at a station) and the
    /// rollup counts they add.
    static func firstScans(_ rows: ArraySlice<Row>, county: String, actor: String, engine: BulkStatement.Engine) -> ([BulkStatement], DailyRollup) {
        var scans = ScanWriter(county: county)
        var rollup = DailyRollup()
        var days = DayTexts()
        for row in rows {
            let r = row.record, inbound = r.direction == .inbound
            let iso = days.iso(r.receivedAt)
            scans.add(parcel: row.id, month: String(iso.prefix(7)), kind: inbound ? .received : .collected, at: r.receivedAt,
                      place: inbound ? nil : row.station, actor: actor, note: "")
            let key = DailyRollup.Key(day: iso, station: row.station, carrier: r.carrier, direction: r.direction.rawValue)
            if inbound {
                rollup.add(key, "received")
                if row.station == nil { rollup.add(key, "exceptions") }
            } else {
                rollup.add(key, "collected")
                rollup.add(key, "collected_g", Int64(r.weightGrams))
            }
        }
        // The parcels are this batch's own: no scan of theirs can exist, so no conflict check.
        return (scans.statements(engine, returning: false, skipExisting: false, inKeyOrder: false), rollup)
    }

    /// `day`: the intake day (Beijing) as "yyyy-MM-dd".
    static func values(_ row: Row, county: String, sample: Bool, day: String) -> [BulkValue] {
        let r = row.record
        let status: ScanKind = r.direction == .inbound ? .received : .collected
        func text(_ s: String?) -> BulkValue { s.map { .text($0) } ?? .null }
        return [
            .uuid(row.id), .text(county), .text(r.waybill), .text(r.carrier), .text(r.direction.rawValue), .text(status.rawValue),
            .text(r.recipientName), .text(r.recipientPhone), .text(r.phoneLast4), text(r.villageCode), .text(r.address),
            row.station.map { .uuid($0) } ?? .null, .int(r.weightGrams), .int(Int(r.codFen)), .null, text(r.producer), text(r.product),
            .text(String(day.prefix(7))), .text(day), .date(r.receivedAt), .bool(row.station == nil && r.direction == .inbound),
            .bool(row.mismatch), .bool(sample),
        ]
    }
}

/// Beijing days of instants as "yyyy-MM-dd", each day formatted once.
struct DayTexts {
    private var known: [Day: String] = [:]

    private var last: (at: Date, day: Day, text: String)?

    mutating func iso(_ at: Date) -> String { day(at).1 }

    /// The day and its text; a batch's items mostly share one instant, which is remembered.
    mutating func day(_ at: Date) -> (Day, String) {
        if let last, last.at == at { return (last.day, last.text) }
        let day = Day.today(now: at)
        let text = known[day] ?? day.iso
        known[day] = text
        last = (at, day, text)
        return (day, text)
    }
}
