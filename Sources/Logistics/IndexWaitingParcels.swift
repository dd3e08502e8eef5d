import FluentKit
import LogisticsCore
import SQLKit

/// The station indexes without the parcel's status in them: a station's parcels by intake time,
/// and a partial index of the parcels waiting at a station for their recipients.
///
/// Why: the old index (station, status) moved every parcel's entry at every scan, the most of a
/// scan batch's UPDATE (received → sorted → loaded → at the hub rewrote it each time). Now only
/// arriving at the station and leaving it touch an index. The station list reads its parcels by
/// intake time (newest first, one page at a time); the waiting list and the pick-up by code read
/// the partial index.
public struct IndexWaitingParcels: AsyncMigration {
    public init() {}

    /// The literal the partial index is built with; a query must name it as such (a bound
    /// value does not let the planner use a partial index).
    public static let waitingFilter = "status = '\(ScanKind.arrivedStation.rawValue)'"

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_station").run()
        try await sql.raw("CREATE INDEX logistics_parcels_station ON logistics_parcels (station_id, received_at)").run()
        try await sql.raw(SQLQueryString("CREATE INDEX logistics_parcels_waiting ON logistics_parcels (station_id, arrived_at) WHERE \(unsafeRaw: Self.waitingFilter)")).run()
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_waiting").run()
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_station").run()
        try await sql.raw("CREATE INDEX logistics_parcels_station ON logistics_parcels (station_id, status)").run()
    }
}
