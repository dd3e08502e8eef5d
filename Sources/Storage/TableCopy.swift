import FluentKit
import Foundation
import SQLKit
import Statistics

/// Copies every table of one database into another of the same schema (a county's SQLite file
/// into a province's PostgreSQL): `xiangcun migrate-data`.
public enum TableCopy {
    public struct Count: Sendable, Equatable {
        public let table: String
        public let source: Int
        public let target: Int
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notSQL
        case targetNotEmpty([String])
        case tablesDiffer(onlySource: [String], onlyTarget: [String])
        case columnsDiffer(table: String, onlySource: [String], onlyTarget: [String])
        case unsupportedType(table: String, column: String, type: String)
        case countsDiffer([Count])

        public var description: String {
            switch self {
            case .notSQL: return "both databases must be SQL databases"
            case .targetNotEmpty(let tables):
                return "the target database is not empty (rows in \(tables.joined(separator: ", "))): give an empty database, nothing was copied"
            case .tablesDiffer(let source, let target):
                return "the databases have different tables (only in the source: \(source.joined(separator: ", ")); only in the target: \(target.joined(separator: ", ")))"
            case .columnsDiffer(let table, let source, let target):
                return "table \(table) has different columns (only in the source: \(source.joined(separator: ", ")); only in the target: \(target.joined(separator: ", ")))"
            case .unsupportedType(let table, let column, let type):
                return "cannot copy \(table).\(column): column type \(type) is not supported"
            case .countsDiffer(let counts):
                return "row counts differ after the copy: " + counts.map { "\($0.table) \($0.source) → \($0.target)" }.joined(separator: ", ")
            }
        }
    }

    /// Fluent's bookkeeping: the target has its own (it was migrated), not copied.
    /// The county versions and figure cache are derived: the target's triggers fill the versions
    /// as rows are copied, and the cache refills on first read.
    static let skipped: Set<String> = ["_fluent_migrations", CountyVersions.table, CountyCache.table]

    /// The tables that hold rows (not Fluent's bookkeeping), sorted.
    public static func dataTables(on db: any Database) async throws -> [String] {
        try await Storage.tableNames(on: db).filter { !skipped.contains($0) }
    }

    /// Tables of `db` that hold rows.
    public static func nonEmptyTables(on db: any Database) async throws -> [String] {
        var found: [String] = []
        for table in try await dataTables(on: db) where try await Storage.rowCount(table, on: db) > 0 { found.append(table) }
        return found
    }

    /// Copies every row of every table of `source` into `target` (a PostgreSQL database, best
    /// inside a transaction), parents before children, and returns both row counts per table;
    /// throws when any differs. The caller's transaction makes it all or nothing.
    public static func copy(from source: any Database, to target: any Database) async throws -> [Count] {
        guard let from = source as? any SQLDatabase, let to = target as? any SQLDatabase else { throw Failure.notSQL }
        let sourceTables = try await dataTables(on: source)
        let targetTables = try await dataTables(on: target)
        guard sourceTables == targetTables else {
            throw Failure.tablesDiffer(onlySource: sourceTables.filter { !targetTables.contains($0) },
                                       onlyTarget: targetTables.filter { !sourceTables.contains($0) })
        }
        let nonEmpty = try await nonEmptyTables(on: target)
        guard nonEmpty.isEmpty else { throw Failure.targetNotEmpty(nonEmpty) }
        var counts: [Count] = []
        for table in try await parentsFirst(targetTables, on: to) {
            let columns = try await targetColumns(table, on: to)
            let sourceColumns = try await from.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Storage.Name.self).map(\.name)
            guard Set(sourceColumns) == Set(columns.map(\.name)) else {
                throw Failure.columnsDiffer(table: table, onlySource: sourceColumns.filter { c in !columns.contains { $0.name == c } },
                                            onlyTarget: columns.map(\.name).filter { !sourceColumns.contains($0) })
            }
            let rows = try await from.select().columns(columns.map { SQLIdentifier($0.name) }).from(table).all()
            let perInsert = max(1, min(500, 30_000 / max(columns.count, 1)))
            var start = 0
            while start < rows.count {
                let insert = to.insert(into: table).columns(columns.map(\.name))
                for row in rows[start..<min(start + perInsert, rows.count)] {
                    insert.values(try columns.map { try $0.value(in: row, table: table) })
                }
                try await insert.run()
                start += perInsert
            }
            try await advanceSequences(table, columns: columns, on: to)
            counts.append(Count(table: table, source: rows.count, target: try await Storage.rowCount(table, on: target)))
        }
        let wrong = counts.filter { $0.source != $0.target }
        guard wrong.isEmpty else { throw Failure.countsDiffer(wrong) }
        return counts.sorted { $0.table < $1.table }
    }

    struct Column: Decodable {
        let name: String
        let type: String
        let serial: Bool

        func value(in row: any SQLRow, table: String) throws -> any SQLExpression {
            if try row.decodeNil(column: name) { return SQLLiteral.null }
            return SQLBind(try decoded(from: row, table: table))
        }

        func decoded(from row: any SQLRow, table: String) throws -> any Encodable & Sendable {
            switch type {
            case "uuid": return try row.decode(column: name, as: UUID.self)
            case "text", "character varying", "character": return try row.decode(column: name, as: String.self)
            case "bigint", "integer", "smallint": return try row.decode(column: name, as: Int64.self)
            case "double precision", "real": return try row.decode(column: name, as: Double.self)
            case "boolean": return try row.decode(column: name, as: Bool.self)
            case "timestamp with time zone", "timestamp without time zone": return try row.decode(column: name, as: Date.self)
            case "bytea": return try row.decode(column: name, as: Data.self)
            default: throw Failure.unsupportedType(table: table, column: name, type: type)
            }
        }
    }

    static func targetColumns(_ table: String, on sql: any SQLDatabase) async throws -> [Column] {
        try await sql.raw("""
            SELECT column_name AS name, data_type AS type, coalesce(column_default LIKE 'nextval(%', false) AS serial
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)
            ORDER BY ordinal_position
            """).all(decoding: Column.self)
    }

    /// Orders tables so that every table comes after the tables its foreign keys point to.
    static func parentsFirst(_ tables: [String], on sql: any SQLDatabase) async throws -> [String] {
        struct Edge: Decodable { let child: String; let parent: String }
        let edges = try await sql.raw("""
            SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
            FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu
              ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
            """).all(decoding: Edge.self).filter { $0.child != $0.parent }
        var ordered: [String] = []
        var remaining = tables
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                !edges.contains { $0.child == table && remaining.contains($0.parent) }
            }
            // A cycle of foreign keys cannot be ordered: copy the rest as they are and let the
            // database report the violation (the transaction then leaves the target untouched).
            let next = ready.isEmpty ? remaining : ready
            ordered += next
            remaining.removeAll { next.contains($0) }
        }
        return ordered
    }

    /// Moves identity/serial sequences past the copied ids, so new rows do not collide.
    static func advanceSequences(_ table: String, columns: [Column], on sql: any SQLDatabase) async throws {
        for column in columns where column.serial {
            try await sql.raw("""
                SELECT setval(pg_get_serial_sequence(\(bind: table), \(bind: column.name)),
                              coalesce((SELECT max(\(ident: column.name)) FROM \(ident: table)), 0) + 1, false)
                """).run()
        }
    }
}
