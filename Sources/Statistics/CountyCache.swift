import FluentKit
import Foundation
import SQLKit

/// 缓存数值 — figures that are costly to compute (coverage as of a day, reporting completeness),
/// stored in the database with the county's version (`CountyVersions`) they were computed at.
/// A read uses a stored figure only when its version is the county's current one; otherwise it
/// computes, stores and returns. Shared by every app server on the database; never stale after
/// a write, because the write bumps the version in its own transaction.
public enum CountyCache {
    public static let table = "stats_county_cache"

    /// The cached value of `kind`/`key` for the county, computing it on a miss.
    public static func value<T: Codable & Sendable>(_ kind: String, key: String, county: String, on db: any Database,
                                                    compute: () async throws -> T) async throws -> T {
        guard let sql = db as? any SQLDatabase else { return try await compute() }
        let hit = try await sql.raw("""
            SELECT payload FROM \(unsafeRaw: table) WHERE county_code = \(bind: county) AND kind = \(bind: kind) AND cache_key = \(bind: key)
            AND version = COALESCE((SELECT version FROM \(unsafeRaw: CountyVersions.table) WHERE county_code = \(bind: county)), 0)
            """).first()
        if let text = try hit?.decode(column: "payload", as: String.self), let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) {
            return value
        }
        // The version is read before the rows, so what is stored is at least as new as it says.
        let version = try await CountyVersions.current(county, on: db)
        let value = try await compute()
        let payload = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (county_code, kind, cache_key, version, payload) VALUES (\(bind: county), \(bind: kind), \(bind: key), \(bind: version), \(bind: payload))
            ON CONFLICT (county_code, kind, cache_key) DO UPDATE SET version = excluded.version, payload = excluded.payload
            WHERE \(unsafeRaw: table).version < excluded.version
            """).run()
        return value
    }

    /// The current stored values of `kind` for several counties in one query (county → its
    /// cache key). A county missing from the answer has no current value: read it with `value`,
    /// which computes and stores it.
    public static func current<T: Decodable & Sendable>(_ kind: String, keys: [String: String], as type: T.Type,
                                                        on db: any Database) async throws -> [String: T] {
        guard let sql = db as? any SQLDatabase, !keys.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT c.county_code, c.cache_key, c.payload FROM \(unsafeRaw: table) c
            LEFT JOIN \(unsafeRaw: CountyVersions.table) v ON v.county_code = c.county_code
            WHERE c.kind = \(bind: kind) AND c.county_code IN (\(binds: Array(keys.keys)))
            AND c.cache_key IN (\(binds: Array(Set(keys.values)))) AND c.version = COALESCE(v.version, 0)
            """).all()
        var values: [String: T] = [:]
        for row in rows {
            let county = try row.decode(column: "county_code", as: String.self)
            guard try row.decode(column: "cache_key", as: String.self) == keys[county] else { continue }
            let text = try row.decode(column: "payload", as: String.self)
            if let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) { values[county] = value }
        }
        return values
    }

    static func create(on db: any Database) async throws {
        try await db.schema(table)
            .field("county_code", .string, .required)
            .field("kind", .string, .required)
            .field("cache_key", .string, .required)
            .field("version", .int64, .required)
            .field("payload", .string, .required)
            .unique(on: "county_code", "kind", "cache_key")
            .create()
    }
}
