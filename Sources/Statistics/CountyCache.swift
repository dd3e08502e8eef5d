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

    /// The cached value of `kind`/`key` for the county, computing it on a miss. In the server
    /// (`keepDecodedValues`), a value already decoded at the county's current version is used as
    /// it is: a read then costs one small query for the version, not a payload and its JSON.
    /// `version`: the county's current version when the caller has just read it (a page reading
    /// several figures reads it once).
    public static func value<T: Codable & Sendable>(_ kind: String, key: String, county: String, version known: Int64? = nil, on db: any Database,
                                                    compute: () async throws -> T) async throws -> T {
        guard let sql = db as? any SQLDatabase else { return try await compute() }
        let slot = Decoded.Slot(county: county, kind: kind, key: key)
        let version: Int64
        if known == nil && !decoded.isEnabled {
            // One query: the payload stored at the current version.
            let current: SQLQueryString = "COALESCE((SELECT version FROM \(unsafeRaw: CountyVersions.table) WHERE county_code = \(bind: county)), 0)"
            if let value: T = try await payload(kind, key: key, county: county, version: current, on: sql) { return value }
            version = try await CountyVersions.current(county, on: db)
        } else {
            version = try await CountyVersions.current(county, known: known, on: db)
            if let kept: T = decoded.value(slot, version: version) { return kept }
            if let value: T = try await payload(kind, key: key, county: county, version: SQLBind(version), on: sql) {
                decoded.store(slot, version: version, value)
                return value
            }
        }
        // The version is read before the rows, so what is stored is at least as new as it says.
        let value = try await compute()
        let payload = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: table) (county_code, kind, cache_key, version, payload) VALUES (\(bind: county), \(bind: kind), \(bind: key), \(bind: version), \(bind: payload))
            ON CONFLICT (county_code, kind, cache_key) DO UPDATE SET version = excluded.version, payload = excluded.payload
            WHERE \(unsafeRaw: table).version < excluded.version
            """).run()
        decoded.store(slot, version: version, value)
        return value
    }

    /// The stored payload at `version` (a bind, or SQL that reads the current one), decoded.
    static func payload<T: Decodable>(_ kind: String, key: String, county: String, version: any SQLExpression, on sql: any SQLDatabase) async throws -> T? {
        let row = try await sql.raw("""
            SELECT payload FROM \(unsafeRaw: table) WHERE county_code = \(bind: county) AND kind = \(bind: kind) AND cache_key = \(bind: key)
            AND version = \(version)
            """).first()
        guard let text = try row?.decode(column: "payload", as: String.self) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// Keeps decoded values and page parts in this process's memory from now on. Only for a
    /// process with one database (the server): the memory is keyed by county and version, and
    /// two databases can have the same county at the same version (the test suite runs hundreds).
    public static func keepDecodedValues() { decoded.enable() }

    /// A value computed from the county's watched rows at `version` (read by the caller before
    /// the rows), kept in this process's memory only: for what is cheap to compute once but not
    /// on every request, and need not be shared (a page's rows, read as models).
    public static func memo<T: Sendable>(_ kind: String, key: String, county: String, version: Int64,
                                         compute: () async throws -> T) async throws -> T {
        let slot = Decoded.Slot(county: county, kind: kind, key: key)
        if let kept: T = decoded.value(slot, version: version) { return kept }
        let value = try await compute()
        decoded.store(slot, version: version, value)
        return value
    }

    /// The same for what also depends on figures that are not versioned (live indicators):
    /// `inputs` spells them out, and the value is used only while they are unchanged too. One
    /// slot per kind and key, so changing inputs replace the value rather than pile up.
    public static func memo<T: Sendable>(_ kind: String, key: String, county: String, version: Int64, inputs: String,
                                         compute: () throws -> T) rethrows -> T {
        try decoded.memo(Decoded.Slot(county: county, kind: kind, key: key), version: version, inputs: inputs, compute: compute)
    }

    struct Inputs<T: Sendable>: Sendable { var inputs: String; var value: T }

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

    /// This process's decoded values, each with the county version it belongs to.
    static let decoded = Decoded()

    /// Decoded values kept in memory. Only ever used at the version they were computed at, which
    /// the database says is current, so several app servers on one database stay consistent.
    final class Decoded: @unchecked Sendable {
        struct Slot: Hashable { var county, kind, key: String }
        /// More slots than a county's pages use in a day (kinds × days viewed), fewer than would
        /// matter in memory; when full it starts again empty.
        static let capacity = 1_024
        private var values: [Slot: (version: Int64, value: any Sendable)] = [:]
        private var enabled: Bool
        private let lock = NSLock()

        init(enabled: Bool = false) { self.enabled = enabled }

        var isEnabled: Bool { lock.withLock { enabled } }
        func enable() { lock.withLock { enabled = true } }

        /// Nil when nothing is kept for the slot at this version (or keeping is off).
        func value<T>(_ slot: Slot, version: Int64) -> T? {
            lock.withLock { enabled ? values[slot].flatMap { $0.version == version ? $0.value as? T : nil } : nil }
        }

        func store(_ slot: Slot, version: Int64, _ value: any Sendable) {
            lock.withLock {
                guard enabled else { return }
                if values.count >= Self.capacity { values.removeAll(keepingCapacity: true) }
                values[slot] = (version, value)
            }
        }

        /// The kept value when its version and inputs are these, else computed and kept.
        func memo<T: Sendable>(_ slot: Slot, version: Int64, inputs: String, compute: () throws -> T) rethrows -> T {
            if let kept: Inputs<T> = value(slot, version: version), kept.inputs == inputs { return kept.value }
            let fresh = try compute()
            store(slot, version: version, Inputs(inputs: inputs, value: fresh))
            return fresh
        }
    }
}
