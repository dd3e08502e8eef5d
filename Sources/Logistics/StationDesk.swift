import Audit
import FluentKit
import FluentSQL
import Foundation
import LogisticsCore
import XiangcunKit

/// What station operators and sorters do besides scanning: hand a parcel over by its pick-up
/// code, and resolve the exceptions queue (which teaches the sorting an alias).
public enum StationDesk {
    /// Confirms a pick-up at `station` by the 取件码 (records the `pickedUp` scan). Returns the
    /// parcel handed over; a code that matches no waiting parcel is a field error.
    public static func pickUp(code: String, station: UUID, county: DivisionCode, actor: AuditActor, note: String = "",
                              on db: any Database, now: Date = Date()) async throws -> Parcel {
        var failure = ValidationFailure()
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard PickupCode.isWellFormed(trimmed) else { failure.add("code", "logistics.error.code"); throw failure }
        guard let parcel = try await Parcel.query(on: db).filter(\.$stationID == station).filter(\.$countyCode == county.value)
            .filter(.sql(unsafeRaw: IndexWaitingParcels.waitingFilter)).filter(\.$pickupCode == trimmed).first() else {
            failure.add("code", "logistics.error.codeUnknown"); throw failure
        }
        let results = try await ScanRecorder.record([ScanInput(waybill: parcel.waybill, kind: ScanKind.pickedUp.rawValue, at: now, note: note)],
                                                    county: county, actor: actor, station: station, on: db, now: now)
        if let errors = results.first?.errors { throw ValidationFailure(errors) }
        return try await ParcelQueries.parcel(parcel.requireID(), county: county, on: db) ?? parcel
    }

    /// Sorts an exception to a station by hand; a non-empty `alias` (text of the address that
    /// names the place) is remembered so the next such address sorts itself.
    public static func resolve(_ parcel: Parcel, station: UUID, alias: String, county: DivisionCode, actor: AuditActor,
                               on db: any Database, now: Date = Date()) async throws {
        var failure = ValidationFailure()
        let stations = try await LogisticsSetup.stations(county: county, on: db)
        guard stations.contains(where: { $0.id == station }) else { failure.add("station", "logistics.error.station"); throw failure }
        let text = SortingPlan.normalised(alias)
        if text.count > 50 { failure.add("alias", "error.text.max", "50") }
        if !text.isEmpty, !SortingPlan.normalised(parcel.address).contains(text) { failure.add("alias", "logistics.error.aliasNotInAddress") }
        try failure.throwIfAny()
        try await db.writeTransaction { tx in
            // Only while it is still an exception: a parcel is sorted once (two sorters resolving
            // it at once; scans prepared before their transaction count on a station, once set,
            // never changing).
            var b = BulkStatement.Builder(BulkStatement.engine(of: tx))
            b.sql = "UPDATE \(BulkStatement.quoted(Parcel.schema)) SET station_id = "
            b.add(.uuid(station))
            b.sql += ", exception = "
            b.add(.bool(false))
            b.sql += " WHERE id = "
            b.add(.uuid(try parcel.requireID()))
            b.sql += " AND exception = "
            b.add(.bool(true))
            guard try await b.statement.changedRows(on: tx) == 1 else { throw ValidationFailure(["station": "logistics.error.resolvedAlready"]) }
            parcel.stationID = station
            parcel.exception = false
            var rollup = DailyRollup()
            rollup.add(DailyRollup.Key(day: Day.today(now: now).iso, station: station, carrier: parcel.carrierCode, direction: parcel.direction), "resolved")
            try await rollup.apply(county: county.value, on: tx)
            if !text.isEmpty, try await StationAlias.query(on: tx).filter(\.$countyCode == county.value).filter(\.$alias == text).first() == nil {
                let a = StationAlias()
                a.countyCode = county.value; a.alias = text; a.stationID = station; a.createdBy = actor.name
                try await a.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: "logistics.parcel", entityID: parcel.waybill, county: county.value,
                                      new: ["station": station.uuidString, "alias": text], at: now)
        }
    }
}
