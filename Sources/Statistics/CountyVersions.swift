import FluentKit
import SQLKit

/// 数据版本 — one counter per county, bumped by database triggers inside the transaction of
/// every write to a watched table. Cached figures (`CountyCache`) are stored with the version they
/// were computed at and used only while it is still current, so a figure is never stale after a
/// commit, and every app server sharing the database sees the same thing (no per-process state).
/// Triggers rather than calls in each service, so that no write path (imports, demo loader, CLI,
/// a capability added later) can forget to bump.
public enum CountyVersions {
    public static let table = "stats_county_versions"

    /// Tables whose rows feed cached figures; each carries `county_code`. Adding a capability's
    /// table here (plus a migration that calls `installTriggers(on:tables:)`) is all it takes.
    public static let watched = [
        "divisions",
        "network_facilities", "network_status_history", "network_served_divisions", "network_flag_changes",
        "network_operating_records", "network_facility_services",
        "programmes", "programme_subsystems", "programme_tasks", "programme_targets", "programme_contractors", "programme_contractor_members",
        "programme_fund_rows", "programme_disbursements", "programme_progress", "programme_evidence", "programme_narratives",
        "stats_retail_months", "stats_retail_rollups",
    ]

    /// The people-and-commerce ledgers (training, live commerce, places, assistance), whose
    /// indicators are cached per county too; watched since `WatchCommerceLedgers`.
    public static let commerceLedgers = [
        "commerce_training_sessions", "commerce_trainees", "commerce_attendances", "commerce_conversions", "commerce_anchors",
        "commerce_anchor_followers", "commerce_live_events", "commerce_live_bases", "commerce_villages", "commerce_park_enterprises",
        "commerce_households", "commerce_help_actions", "commerce_paired_products", "commerce_publicity",
    ]

    /// The county's current version (0 before its first watched write).
    public static func current(_ county: String, on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.select().column("version").from(table).where("county_code", .equal, county).first()
        return try row?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// `known` when the caller has just read it (a page reading several figures reads it once),
    /// else the current version.
    public static func current(_ county: String, known: Int64?, on db: any Database) async throws -> Int64 {
        if let known { return known }
        return try await current(county, on: db)
    }

    static func create(on db: any Database) async throws {
        try await db.schema(table)
            .field("county_code", .string, .identifier(auto: false))
            .field("version", .int64, .required)
            .create()
    }

    /// Installs the bumping triggers on `tables` (both engines; PostgreSQL per statement).
    public static func installTriggers(on db: any Database, tables: [String] = watched) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            for statement in PostgresTriggers.functions { try await sql.raw(SQLQueryString(statement)).run() }
            for t in tables { for statement in PostgresTriggers.triggers(on: t) { try await sql.raw(SQLQueryString(statement)).run() } }
        } else {
            for t in tables { for statement in SQLiteTriggers.triggers(on: t) { try await sql.raw(SQLQueryString(statement)).run() } }
        }
    }

    public static func dropTriggers(on db: any Database, tables: [String] = watched, keepFunctions: Bool = false) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let pg = sql.dialect.name == "postgresql"
        for t in tables {
            for event in ["ins", "upd", "del"] {
                let name = "stats_v_\(t)_\(event)"
                let statement = pg ? "DROP TRIGGER IF EXISTS \(name) ON \(t)" : "DROP TRIGGER IF EXISTS \(name)"
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
        // The bumping functions belong to the first set of triggers; later sets share them.
        guard pg && !keepFunctions else { return }
        for f in ["stats_bump_changed", "stats_bump_updated"] {
            let statement = "DROP FUNCTION IF EXISTS \(f)()"
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}

/// Row triggers: SQLite has no statement triggers; an upsert of one small row per changed row.
enum SQLiteTriggers {
    static func bump(_ ref: String) -> String {
        "INSERT INTO \(CountyVersions.table) (county_code, version) VALUES (\(ref).county_code, 1) "
            + "ON CONFLICT (county_code) DO UPDATE SET version = version + 1;"
    }

    static func triggers(on t: String) -> [String] {
        [
            "CREATE TRIGGER IF NOT EXISTS stats_v_\(t)_ins AFTER INSERT ON \(t) WHEN NEW.county_code IS NOT NULL BEGIN \(bump("NEW")) END",
            "CREATE TRIGGER IF NOT EXISTS stats_v_\(t)_upd AFTER UPDATE ON \(t) BEGIN "
                + "\(bump("NEW").replacingOccurrences(of: "VALUES (NEW.county_code, 1)", with: "SELECT NEW.county_code, 1 WHERE NEW.county_code IS NOT NULL")) "
                + "\(bump("OLD").replacingOccurrences(of: "VALUES (OLD.county_code, 1)", with: "SELECT OLD.county_code, 1 WHERE OLD.county_code IS NOT NULL AND OLD.county_code IS NOT NEW.county_code")) END",
            "CREATE TRIGGER IF NOT EXISTS stats_v_\(t)_del AFTER DELETE ON \(t) WHEN OLD.county_code IS NOT NULL BEGIN \(bump("OLD")) END",
        ]
    }
}

/// Statement triggers with transition tables: one upsert per county a statement touched, so a
/// bulk import of many rows bumps each county once.
enum PostgresTriggers {
    static let functions = [
        """
        CREATE OR REPLACE FUNCTION stats_bump_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO \(CountyVersions.table) (county_code, version)
            SELECT DISTINCT county_code, 1 FROM changed_rows WHERE county_code IS NOT NULL
          ON CONFLICT (county_code) DO UPDATE SET version = \(CountyVersions.table).version + 1;
          RETURN NULL;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION stats_bump_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO \(CountyVersions.table) (county_code, version)
            SELECT county_code, 1 FROM (SELECT county_code FROM changed_rows UNION SELECT county_code FROM old_rows) AS c
            WHERE county_code IS NOT NULL
          ON CONFLICT (county_code) DO UPDATE SET version = \(CountyVersions.table).version + 1;
          RETURN NULL;
        END $$
        """,
    ]

    static func triggers(on t: String) -> [String] {
        [
            "CREATE TRIGGER stats_v_\(t)_ins AFTER INSERT ON \(t) REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_changed()",
            "CREATE TRIGGER stats_v_\(t)_upd AFTER UPDATE ON \(t) REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_updated()",
            "CREATE TRIGGER stats_v_\(t)_del AFTER DELETE ON \(t) REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_bump_changed()",
        ]
    }
}
