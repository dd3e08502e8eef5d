import FluentKit
import Foundation
import SQLKit

/// 召回范围: everything downstream of a batch, found by ONE recursive query on either engine.
public enum RecallQuery {
    /// One line of the answer: an item reached (a batch, a case) or a shipment that carried one.
    public struct Row: Sendable, Equatable {
        public enum Kind: String, Sendable { case item, shipment }
        public var kind: Kind
        public var uri: String
        public var batchID: UUID?
        public var lot: String?
        public var product: String?
        /// Shipments: where it went (party or station) and the station's name when it is one.
        public var destination: String?
        public var station: String?

        init(kind: Kind, uri: String, batchID: UUID? = nil, lot: String? = nil, product: String? = nil, destination: String? = nil, station: String? = nil) {
            self.kind = kind; self.uri = uri; self.batchID = batchID; self.lot = lot; self.product = product
            self.destination = destination; self.station = station
        }
    }

    /// The downstream closure of `uri` through transformations and aggregations (the start
    /// included), with every shipment of any of them and the stations they reached.
    /// `UNION` (not `UNION ALL`) in the recursive part stops at items already reached, so a
    /// diamond or a cycle in the graph is walked once.
    public static func downstream(of uri: String, county: String, on db: any Database) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase else { return [] }
        // Every join hangs off `down` as a LEFT JOIN, which fixes the join order on both engines:
        // for each item reached, its batch by the unique lot URI and its shipments by URI. (Joining
        // `down` a second time in a UNION ALL let SQLite scan shipments × items.)
        let query: SQLQueryString = """
        WITH RECURSIVE down(uri) AS (
            SELECT CAST(\(bind: uri) AS TEXT)
            UNION
            SELECT l.to_uri FROM trace_links l JOIN down d ON l.from_uri = d.uri WHERE l.county_code = \(bind: county)
        )
        SELECT d.uri AS uri, b.id AS batch_id, b.lot AS lot, p.name AS product, s.destination AS destination, f.name AS station
          FROM down d
          LEFT JOIN trace_batches b ON b.uri = d.uri AND b.county_code = \(bind: county)
          LEFT JOIN trace_products p ON p.id = b.product_id
          LEFT JOIN trace_shipments s ON s.uri = d.uri AND s.county_code = \(bind: county) AND s.direction = 'shipping'
          LEFT JOIN network_facilities f ON f.id = s.facility_id
        """
        var items: [Row] = [], shipments: [Row] = [], seen = Set<String>()
        for r in try await sql.raw(query).all() {
            let uri = try r.decode(column: "uri", as: String.self)
            if seen.insert(uri).inserted {
                items.append(Row(kind: .item, uri: uri, batchID: try r.decode(column: "batch_id", as: UUID?.self),
                                 lot: try r.decode(column: "lot", as: String?.self), product: try r.decode(column: "product", as: String?.self)))
            }
            if let destination = try r.decode(column: "destination", as: String?.self) {
                shipments.append(Row(kind: .shipment, uri: uri, destination: destination, station: try r.decode(column: "station", as: String?.self)))
            }
        }
        return items + shipments
    }

    /// Whether a batch is affected by a recall: it, or anything upstream of it, is recalled.
    /// Walks upstream with the same kind of recursive query.
    public static func recalledUpstream(of uri: String, county: String, on db: any Database) async throws -> (lot: String, reason: String)? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let query: SQLQueryString = """
        WITH RECURSIVE up(uri) AS (
            SELECT CAST(\(bind: uri) AS TEXT)
            UNION
            SELECT l.from_uri FROM trace_links l JOIN up u ON l.to_uri = u.uri WHERE l.county_code = \(bind: county)
        )
        SELECT b.lot AS lot, b.recall_reason AS reason FROM up u JOIN trace_batches b ON b.uri = u.uri
         WHERE b.county_code = \(bind: county) AND b.recalled_at IS NOT NULL
         LIMIT 1
        """
        guard let r = try await sql.raw(query).first() else { return nil }
        return (try r.decode(column: "lot", as: String.self), try r.decode(column: "reason", as: String?.self) ?? "")
    }
}
