import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

extension RecallQuery {
    /// One row of the downstream query, in its SELECT order.
    struct Columns {
        var uri: String
        var batchID: UUID? = nil
        var lot: String? = nil
        var product: String? = nil
        var destination: String? = nil
        var station: String? = nil
        var waybill: String? = nil
        var parcelStation: String? = nil
        var recipientInitial: String? = nil
        var phoneLast4: String? = nil

        /// Decoding is most of a recall's time after the SQL (10,000 rows), so each engine
        /// decodes the way that is fast on it.
        static func all(_ query: SQLQueryString, prefix: String, on sql: any SQLDatabase) async throws -> [Columns] {
            if let pg = sql as? any PostgresDatabase, let rows = try await postgres(query, on: sql, pg) { return rows }
            return try await sql.raw(query).all().map { try decoded($0, prefix: prefix) }
        }

        /// Through `SQLRow` (SQLite): a column is decoded only when its row can have it — the
        /// batch's when there is a batch, a parcel's when the URI names one, a shipment's when
        /// there is a destination.
        static func decoded(_ r: any SQLRow, prefix: String) throws -> Columns {
            var c = Columns(uri: try r.decode(column: "uri", as: String.self))
            if try !r.decodeNil(column: "batch_id") {
                c.batchID = try r.decode(column: "batch_id", as: UUID.self)
                c.lot = try r.decode(column: "lot", as: String?.self)
                c.product = try r.decode(column: "product", as: String?.self)
            }
            if c.uri.hasPrefix(prefix), let waybill = try r.decode(column: "waybill", as: String?.self) {
                c.waybill = waybill
                c.parcelStation = try r.decode(column: "parcel_station", as: String?.self)
                c.recipientInitial = try r.decode(column: "recipient_initial", as: String?.self)
                c.phoneLast4 = try r.decode(column: "phone_last4", as: String?.self)
            }
            if try !r.decodeNil(column: "destination") {
                c.destination = try r.decode(column: "destination", as: String.self)
                c.station = try r.decode(column: "station", as: String?.self)
            }
            return c
        }

        /// PostgreSQL: the same SQL on the same connection, each row decoded by position with
        /// the driver's own decoders. Through `SQLRow` every column is found by name and goes
        /// through a generic bridge: 10,000 rows took 60 ms of a 105 ms recall that way.
        /// Nil when a bind is not text (the query has only text binds; this keeps it honest).
        static func postgres(_ query: SQLQueryString, on sql: any SQLDatabase, _ pg: any PostgresDatabase) async throws -> [Columns]? {
            var serializer = SQLSerializer(database: sql)
            query.serialize(to: &serializer)
            var binds = PostgresBindings()
            for bind in serializer.binds {
                guard let text = bind as? String else { return nil }
                binds.append(text)
            }
            let statement = PostgresQuery(unsafeSQL: serializer.sql, binds: binds)
            let logger = pg.logger
            return try await pg.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    var rows: [Columns] = []
                    for try await row in try await connection.query(statement, logger: logger) {
                        let (uri, batchID, lot, product, destination, station, waybill, parcelStation, initial, last4) = try row.decode(
                            (String, UUID?, String?, String?, String?, String?, String?, String?, String?, String?).self)
                        rows.append(Columns(uri: uri, batchID: batchID, lot: lot, product: product, destination: destination, station: station,
                                           waybill: waybill, parcelStation: parcelStation, recipientInitial: initial, phoneLast4: last4))
                    }
                    return rows
                }
            }.get()
        }
    }
}
