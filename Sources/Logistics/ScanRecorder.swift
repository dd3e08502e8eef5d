import Audit
import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// Scans waiting to be written in one multi-row insert; a scan already recorded (same parcel,
/// kind and month) is skipped, which is what makes resending a batch harmless.
struct ScanWriter {
    let county: String
    /// Each row with its unique key (the parcel, the kind).
    var rows: [(parcel: UUID, kind: String, values: [BulkValue])] = []
    /// Days formatted once per batch (formatting is per-item work otherwise).
    private var days = DayTexts()

    init(county: String) { self.county = county }

    static let columns = ["id", "county_code", "month", "parcel_id", "kind", "at", "day", "place_id", "actor", "note"]

    mutating func add(parcel: UUID, month: String, kind: ScanKind, at: Date, place: UUID?, actor: String, note: String) {
        let (_, iso) = days.day(at)
        rows.append((parcel, kind.rawValue, [.uuid(UUID.random()), .text(county), .text(month), .uuid(parcel), .text(kind.rawValue), .date(at), .text(iso),
                                          place.map { .uuid($0) } ?? .null, .text(actor), .text(note)]))
    }

    /// The INSERT statements for the rows; `returning`: each inserted row's parcel and kind.
    /// `skipExisting` false: a plain INSERT, failing with a unique violation on a scan recorded
    /// already (PostgreSQL checks each row's key once then, not twice).
    /// `inKeyOrder`: concurrent batches scanning the same parcels then wait on them in one order;
    /// not needed for the first scans of parcels the same transaction creates.
    func statements(_ engine: BulkStatement.Engine, returning: Bool, skipExisting: Bool = true, inKeyOrder: Bool = true) -> [BulkStatement] {
        let perChunk = LogisticsBulk.rowsPerStatement(columns: Self.columns.count)
        let order = inKeyOrder ? rows.indices.sorted { a, b in
            rows[a].parcel != rows[b].parcel ? rows[a].parcel < rows[b].parcel : rows[a].kind < rows[b].kind
        } : Array(rows.indices)
        let key = LogisticsTables.scanKey(postgres: engine == .postgres).map(BulkStatement.quoted).joined(separator: ", ")
        let tail = (skipExisting ? " ON CONFLICT (\(key)) DO NOTHING" : "") + (returning ? " RETURNING parcel_id, kind" : "")
        return stride(from: 0, to: rows.count, by: perChunk).map { start in
            BulkStatement.insert(engine, into: ScanEvent.schema, columns: Self.columns, rows: order[start..<min(start + perChunk, rows.count)].map { rows[$0].values },
                                 tail: tail)
        }
    }

    /// Writes the scans; returns the (parcel, kind) pairs actually inserted.
    mutating func flush(on db: any Database) async throws -> Set<String> {
        var inserted = Set<String>()
        for statement in statements(BulkStatement.engine(of: db), returning: true) {
            inserted.formUnion(try await statement.rows(on: db) { row in row.uuidText(0).flatMap { p in row.text(1).map { p + "/" + $0 } } })
        }
        rows = []
        return inserted
    }
}

/// One scan as it comes in (API item, scan page).
public struct ScanInput: Sendable, Codable, Equatable {
    public var waybill: String
    public var kind: String
    /// When it happened (absent: now).
    public var at: Date?
    /// The facility where it happened (hub, station).
    public var place: UUID?
    /// Route / vehicle for `loaded`, a reason for `returned` / `lost`.
    public var note: String?

    public init(waybill: String, kind: String, at: Date? = nil, place: UUID? = nil, note: String? = nil) {
        self.waybill = waybill; self.kind = kind; self.at = at; self.place = place; self.note = note
    }
}

/// Per-item outcome of a scan batch.
public struct ScanResult: Sendable, Codable, Equatable {
    public var index: Int
    public var waybill: String
    public var outcome: IngestResult.Outcome
    public var errors: [String: String]?
    /// Issued on `arrivedStation`: the 取件码 the recipient will quote.
    public var pickupCode: String?
}

/// Scan events in (扫描): a batch in one transaction, each scan recorded once.
///
/// The batch is first prepared outside its transaction (on SQLite every writer of the process
/// waits for the one write lock in turn): the parcels are read from the last committed state,
/// the scans checked and the rows built. Inside the transaction the scans are inserted and each
/// parcel's state written only where it is still what was read (`ScanBatch.Optimistic`). When
/// anything changed in between (a resent scan, another batch moving the same parcel) the
/// transaction rolls back and the batch is done again wholly inside one. The usual batch on
/// PostgreSQL (`StatusScans`) skips the read: its UPDATE finds, checks and moves the parcels.
public enum ScanRecorder {
    public static func record(_ items: [ScanInput], county: DivisionCode, actor: AuditActor, station: UUID? = nil,
                              on db: any Database, now: Date = Date()) async throws -> [ScanResult] {
        if !db.inTransaction, let results = try await recordOptimistically(items, county: county, actor: actor, station: station, on: db, now: now) {
            return results
        }
        return try await db.writeTransaction { tx in
            try await recordInTransaction(items, county: county, actor: actor, station: station, on: tx, now: now)
        }
    }

    /// The batch done assuming its scans are new and its parcels unchanged since read (the usual
    /// batch on PostgreSQL: `StatusScans`, read and written at once); nil when that was not so
    /// and nothing was written: the batch is then done again holding the lock.
    static func recordOptimistically(_ items: [ScanInput], county: DivisionCode, actor: AuditActor, station: UUID?,
                                     on db: any Database, now: Date) async throws -> [ScanResult]? {
        do {
            if let usual = StatusScans(items, county: county, actor: actor, station: station, engine: BulkStatement.engine(of: db), now: now) {
                return try await db.writeTransaction { tx in try await usual.commit(on: tx) }
            }
            let ready = try await ScanBatch.plan(items, county: county, actor: actor, station: station, on: db, now: now).assumingAllNew()
            return try await db.writeTransaction { tx in try await ready.commitIfCurrent(on: tx) }
        } catch where ScanBatch.isStale(error) {
            return nil
        }
    }

    static func recordInTransaction(_ items: [ScanInput], county: DivisionCode, actor: AuditActor, station: UUID?,
                                    on db: any Database, now: Date) async throws -> [ScanResult] {
        var batch = try await ScanBatch.plan(items, county: county, actor: actor, station: station, on: db, now: now)
        let inserted = try await batch.writer.flush(on: db)
        let settled = batch.settle(inserted: inserted)
        try await ParcelState.save(settled.states, on: db)
        try await settled.rollup.apply(county: county.value, on: db)
        return settled.results
    }

    /// Whether this scan may be recorded for this parcel (by an operator of `station` if given).
    static func check(_ item: ScanInput, parcel: ParcelState?, station: UUID?, now: Date) -> Result<(ParcelState, ScanKind), ValidationFailure> {
        var failure = ValidationFailure()
        guard let kind = ScanKind(rawValue: item.kind) else { failure.add("kind", "logistics.error.kind"); return .failure(failure) }
        guard let parcel else { failure.add("waybill", "logistics.error.unknownWaybill"); return .failure(failure) }
        if isFuture(item.at, now: now) { failure.add("at", "error.future") }
        check(kind, direction: parcel.parcelDirection, status: parcel.scanKind, station: parcel.stationID, operatorStation: station, into: &failure)
        return failure.isEmpty ? .success((parcel, kind)) : .failure(failure)
    }

    /// A scan's time more than ten minutes ahead of the server's clock.
    static func isFuture(_ at: Date?, now: Date) -> Bool { at.map { $0 > now.addingTimeInterval(600) } ?? false }

    /// The rules on the parcel's state: its direction, its status (the last scan's kind), its
    /// station, and the station of the operator scanning (nil: staff of the whole county).
    /// `StatusScans` derives its SQL condition from this, so the rules live here only.
    static func check(_ kind: ScanKind, direction: Direction, status: ScanKind, station: UUID?, operatorStation: UUID?, into failure: inout ValidationFailure) {
        if !kind.allowed(for: direction) {
            failure.add("kind", "logistics.error.kindDirection")
        } else if status.isFinal {
            failure.add("kind", "logistics.error.closed")
        } else if kind == .sorted, station == nil {
            failure.add("waybill", "logistics.error.unsorted")
        } else if kind == .pickedUp, status != .arrivedStation {
            failure.add("kind", "logistics.error.notAtStation")
        }
        // A station operator scans only the parcels of their own station.
        if let operatorStation, station != operatorStation { failure.add("waybill", "logistics.error.otherStation") }
    }

    /// Kinds whose scan changes only the parcel's status (`apply` sets no other column):
    /// `StatusScans` moves their parcels in one UPDATE.
    static func changesStatusOnly(_ kind: ScanKind) -> Bool { kind != .arrivedStation && kind != .pickedUp }

    /// The rollup columns a scan of `kind` adds to: one per scan, and (sorting) the parcel's
    /// grams. (Intake counts `received` and `collected`; arrival also fills the transit histogram.)
    static func rollupColumns(_ kind: ScanKind) -> (count: String, grams: String?)? {
        switch kind {
        case .sorted: ("sorted", "sorted_g")
        case .arrivedStation: ("arrived", nil)
        case .pickedUp: ("picked_up", nil)
        case .loaded: ("loaded", nil)
        case .arrivedHub: ("arrived_hub", nil)
        case .returned: ("returned", nil)
        case .lost: ("lost", nil)
        case .handedOver: ("handed_over", nil)
        case .received, .collected: nil
        }
    }

    /// The parcel's new state after a scan, and the rollup counts it adds.
    /// `day`: `at`'s Beijing day, `dayText` its "yyyy-MM-dd".
    static func apply(_ kind: ScanKind, at: Date, day: Day, dayText: String, to parcel: inout ParcelState, rollup: inout DailyRollup) {
        let key = DailyRollup.Key(day: dayText, station: parcel.stationID, carrier: parcel.carrierCode, direction: parcel.direction)
        parcel.status = kind.status
        if let columns = rollupColumns(kind) {
            rollup.add(key, columns.count)
            if let grams = columns.grams { rollup.add(key, grams, Int64(parcel.weightGrams)) }
        }
        switch kind {
        case .arrivedStation:
            parcel.arrivedAt = at
            parcel.pickupCode = PickupCode.random()
            let transit = Day(parcel.intakeDay).map { $0.days(until: day) } ?? 0
            rollup.add(key, "t\(TransitHistogram.bucket(days: transit))")
        case .pickedUp:
            parcel.pickedUpAt = at
        default: break
        }
    }
}
