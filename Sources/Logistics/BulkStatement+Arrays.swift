import FluentPostgresDriver
import Foundation
import NIOCore

/// Multi-row statements on PostgreSQL: one array parameter per column, `unnest`ed, instead
/// of one parameter per value.
///
/// Why: a batch of 1,300 parcels is 30,000 values. As `VALUES ($1, …), …` the server parsed,
/// analysed and planned 30,000 parameters for every statement (a third of its time in
/// `bench ingest`), and this side added each value to the bindings one by one. As 23 arrays the
/// statement is a few lines to parse and the values are written straight into the arrays'
/// bytes, in PostgreSQL's binary form.
extension BulkStatement.Builder {
    /// `SELECT u.c0, … FROM unnest($1::uuid[], …) AS u(c0, …)`: the rows as a query, its
    /// columns in order. A column that is NULL in every row is selected as a bare `NULL` (fine
    /// for an INSERT's column; not typed for an UPDATE's `SET`); one with the same value in every
    /// row (the county, the day, the scan's kind and actor…) as that value, bound once and typed.
    /// Returns false, having added nothing, when a column mixes kinds of value (the caller then
    /// writes `VALUES`).
    mutating func unnest(_ rows: some Collection<[BulkValue]>, width: Int) -> Bool {
        var columns = (0..<width).map { _ in PostgresArrayColumn(expectedRows: rows.count) }
        for row in rows {
            for (i, value) in row.enumerated() where i < width {
                guard columns[i].append(value) else { return false }
            }
        }
        // At least one array gives the query its rows.
        if !columns.contains(where: { $0.constant == nil }) {
            guard let first = columns.indices.first(where: { columns[$0].kind != nil }) else { return false }
            columns[first].writeOutConstant()
        }
        unnest(columns)
        return true
    }

    /// As `unnest(_:width:)`, for columns already gathered. `bound`: arrays bound already (SQL,
    /// column name), unnested first and selected first; they or the columns must hold one array.
    /// `nullTypes`: each column's SQL type, for a column NULL in every row to be typed (the
    /// query's columns then have types of their own, as a `WITH` needs).
    mutating func unnest(_ columns: [PostgresArrayColumn], bound: [(array: String, name: String)] = [], nullTypes: [String]? = nil) {
        var selected = bound.map { "u." + $0.name }, arrays = bound.map(\.array), names = bound.map(\.name)
        for (i, column) in columns.enumerated() {
            guard let type = column.kind?.sqlName else { selected.append(nullTypes.map { "NULL::" + $0[i] } ?? "NULL"); continue }
            if let value = column.constant {
                bind(postgres: value)
                selected.append("$\(pg.count)::\(type)")
                continue
            }
            pg.append(column)
            arrays.append("$\(pg.count)::\(type)[]")
            names.append("c\(i)")
            selected.append("u.c\(i)")
        }
        sql += "SELECT " + selected.joined(separator: ", ") + " FROM unnest(" + arrays.joined(separator: ", ") + ") AS u(" + names.joined(separator: ", ") + ")"
    }
}

/// One column of rows as a PostgreSQL one-dimensional array in binary form (NULLs allowed),
/// its elements encoded as the driver encodes single values.
struct PostgresArrayColumn: PostgresDynamicTypeEncodable {
    enum Kind: Equatable {
        case text, int, bool, uuid, date

        var element: PostgresDataType {
            switch self {
            case .text: .text
            case .int: .int8
            case .bool: .bool
            case .uuid: .uuid
            case .date: .timestamptz
            }
        }

        var array: PostgresDataType {
            switch self {
            case .text: .textArray
            case .int: .int8Array
            case .bool: .boolArray
            case .uuid: .uuidArray
            case .date: .timestamptzArray
            }
        }

        /// nil for NULL.
        init?(_ value: BulkValue) {
            switch value {
            case .text: self = .text
            case .int: self = .int
            case .bool: self = .bool
            case .uuid: self = .uuid
            case .date: self = .date
            case .null: return nil
            }
        }

        var sqlName: String {
            switch self {
            case .text: "text"
            case .int: "bigint"
            case .bool: "boolean"
            case .uuid: "uuid"
            case .date: "timestamptz"
            }
        }
    }

    private(set) var kind: Kind?
    private var count: Int32 = 0
    private var hasNull = false
    private var elements = ByteBuffer()
    /// Rows the statement will have: the elements' room is made once, when the array starts.
    private let expectedRows: Int
    /// While every row so far has had the same value: that value (nothing written yet).
    private(set) var constant: BulkValue?

    init(expectedRows: Int) { self.expectedRows = expectedRows }

    /// Adds a row's value; false when it is of another kind than the column's earlier ones.
    mutating func append(_ value: BulkValue) -> Bool {
        if count == 0 {
            constant = value
            kind = Kind(value)
            count = 1
            return true
        }
        if let same = constant {
            if same == value { count += 1; return true }
            writeOutConstant()
        }
        return write(value)
    }

    /// Writes the rows counted as the constant out as elements: from here on the column is an array.
    mutating func writeOutConstant() {
        guard let value = constant else { return }
        constant = nil
        let rows = count
        count = 0
        _ = write(value)
        // Copied out: a slice would share the buffer, and each write would copy all of it.
        let bytes = elements.getBytes(at: 0, length: elements.writerIndex) ?? []
        // Room for every row at the first element's size, made once instead of doubling.
        elements.reserveCapacity(expectedRows * bytes.count + 64)
        for _ in 1..<rows { elements.writeBytes(bytes) }
        count = rows
    }

    /// Writes one element (the column is an array from its first differing value on).
    private mutating func write(_ value: BulkValue) -> Bool {
        switch value {
        case .null:
            hasNull = true
            count += 1
            elements.writeInteger(Int32(-1))
            return true
        case .text(let s): write(s)
        case .int(let n): write(n)
        case .bool(let b): write(b)
        case .uuid(let u): write(u)
        case .date(let d): write(d)
        }
        let valueKind = Kind(value)
        if kind == nil { kind = valueKind }
        count += 1
        return kind == valueKind
    }

    /// The value's length, then its bytes as the driver encodes it.
    private mutating func write(_ value: some PostgresNonThrowingEncodable) {
        let lengthAt = elements.writerIndex
        elements.writeInteger(Int32(0))
        let start = elements.writerIndex
        value.encode(into: &elements, context: .default)
        elements.setInteger(Int32(elements.writerIndex - start), at: lengthAt)
    }

    var psqlType: PostgresDataType { kind?.array ?? .textArray }
    var psqlFormat: PostgresFormat { .binary }

    /// Dimensions, a NULL flag, the element type, the length and lower bound, then the elements.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        let element = kind?.element ?? .text
        guard count > 0 else {
            buffer.writeInteger(Int32(0)); buffer.writeInteger(Int32(0)); buffer.writeInteger(element.rawValue)
            return
        }
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(hasNull ? 1 : 0))
        buffer.writeInteger(element.rawValue)
        buffer.writeInteger(count)
        buffer.writeInteger(Int32(1))
        buffer.writeImmutableBuffer(elements)
    }
}
