import Audit
import FluentKit
import SQLKit

/// The logistics tables. Appended to `Storage.migrations` after the network's.
///
/// Built for ~20 million scans a county-year: the scans and the daily rollup are plain SQL
/// tables with only the indexes pages need; pages read the rollup, never the raw scans in bulk.
public struct CreateLogistics: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Carrier.schema)
            .id()
            .field("county_code", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("pattern", .string, .required)
            .unique(on: "county_code", "code")
            .create()
        try await createParcels(on: database)
        try await database.schema(StationAlias.schema)
            .id()
            .field("county_code", .string, .required)
            .field("alias", .string, .required)
            .field("station_id", .uuid, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "county_code", "alias")
            .create()
        try await database.schema(LogisticsSettings.schema)
            .id()
            .field("county_code", .string, .required)
            .field("saving_fen", .int64, .required)
            .field("daily_cost_fen", .int64, .required)
            .unique(on: "county_code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await LogisticsTables.createScans(on: sql)
        try await LogisticsTables.createDaily(on: sql)
    }

    func createParcels(on database: any Database) async throws {
        try await database.schema(Parcel.schema)
            .id()
            .field("county_code", .string, .required)
            .field("waybill", .string, .required)
            .field("carrier_code", .string, .required)
            .field("direction", .string, .required)
            .field("status", .string, .required)
            .field("recipient_name", .string, .required)
            .field("recipient_phone", .string, .required)
            .field("phone_last4", .string, .required)
            .field("village_code", .string)
            .field("address", .string, .required)
            .field("station_id", .uuid)
            .field("weight_g", .int, .required)
            .field("cod_fen", .int64, .required)
            .field("pickup_code", .string)
            .field("producer", .string)
            .field("product", .string)
            .field("month", .string, .required)
            .field("intake_day", .string, .required)
            .field("received_at", .datetime, .required)
            .field("arrived_at", .datetime)
            .field("picked_up_at", .datetime)
            .field("exception", .bool, .required)
            .field("carrier_mismatch", .bool, .required)
            .field("sample", .bool, .required)
            .unique(on: "county_code", "waybill")
            .create()
        // Station page (waiting parcels, pick-up by code), exceptions queue, day lists.
        try await database.createIndex("logistics_parcels_station", on: Parcel.schema, columns: ["station_id", "status"])
        try await database.createIndex("logistics_parcels_exception", on: Parcel.schema, columns: ["county_code", "exception"])
        try await database.createIndex("logistics_parcels_day", on: Parcel.schema, columns: ["county_code", "intake_day"])
    }

    public func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP TABLE IF EXISTS logistics_daily").run()
            try await sql.raw("DROP TABLE IF EXISTS logistics_scans").run()
        }
        for schema in [LogisticsSettings.schema, StationAlias.schema, Parcel.schema, Carrier.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// The two big tables, created with SQL because their keys and (on PostgreSQL) partitions are
/// beyond Fluent's schema builder.
public enum LogisticsTables {
    static func createScans(on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        let columns = scanColumns(postgres: postgres)
        if postgres {
            try await createPartitionedScans(columns: columns, on: sql)
        } else {
            // SQLite: the idempotency key is the table's own order (no rowid, no second index),
            // so a parcel's timeline is one range and bulk loads in parcel order append.
            try await sql.raw(SQLQueryString("CREATE TABLE logistics_scans (\(unsafeRaw: columns), PRIMARY KEY (parcel_id, kind, month)) WITHOUT ROWID")).run()
        }
    }

    /// PostgreSQL: partitioned by county, each county's partition by the parcel's intake month
    /// (`LogisticsPartitions`). Every unique key includes both keys; the idempotency key is also
    /// the timeline's index. Defaults take what the server has not created ahead.
    static func createPartitionedScans(columns: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE TABLE logistics_scans (\(unsafeRaw: columns), PRIMARY KEY (county_code, month, id)) PARTITION BY LIST (county_code)").run()
        try await sql.raw("CREATE TABLE logistics_scans_default PARTITION OF logistics_scans DEFAULT").run()
        try await sql.raw("CREATE UNIQUE INDEX logistics_scans_parcel_kind ON logistics_scans (parcel_id, kind, month, county_code)").run()
    }

    /// The columns of the scans' idempotency key, as `ON CONFLICT` must name them (PostgreSQL's
    /// unique keys include the county, its partition key).
    static func scanKey(postgres: Bool) -> [String] { postgres ? ["parcel_id", "kind", "month", "county_code"] : ["parcel_id", "kind", "month"] }

    static func scanColumns(postgres: Bool) -> String {
        """
        id UUID NOT NULL, county_code TEXT NOT NULL, month TEXT NOT NULL, parcel_id UUID NOT NULL,
        kind TEXT NOT NULL, at \(postgres ? "TIMESTAMPTZ" : "DOUBLE") NOT NULL, day TEXT NOT NULL, place_id UUID,
        actor TEXT NOT NULL, note TEXT NOT NULL
        """
    }

    static func createDaily(on sql: any SQLDatabase) async throws {
        let counts = DailyRollup.columns.map { "\($0) BIGINT NOT NULL DEFAULT 0" }.joined(separator: ", ")
        try await sql.raw(SQLQueryString("""
            CREATE TABLE logistics_daily (county_code TEXT NOT NULL, day TEXT NOT NULL, station_key TEXT NOT NULL,
            carrier_code TEXT NOT NULL, direction TEXT NOT NULL, \(unsafeRaw: counts),
            PRIMARY KEY (county_code, day, station_key, carrier_code, direction))
            """)).run()
    }
}
