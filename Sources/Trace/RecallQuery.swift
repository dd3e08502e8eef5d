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
    }

    /// The downstream closure of `uri` through transformations and aggregations (the start
    /// included), with every shipment of any of them and the stations they reached.
    /// `UNION` (not `UNION ALL`) in the recursive part stops at items already reached, so a
    /// diamond or a cycle in the graph is walked once.
    public static func downstream(of uri: String, county: String, on db: any Database) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let query: SQLQueryString = """
        WITH RECURSIVE down(uri) AS (
            SELECT CAST(\(bind: uri) AS TEXT)
            UNION
            SELECT l.to_uri FROM trace_links l JOIN down d ON l.from_uri = d.uri WHERE l.county_code = \(bind: county)
        )
        SELECT 'item' AS kind, d.uri AS uri, b.id AS batch_id, b.lot AS lot, p.name AS product,
               CAST(NULL AS TEXT) AS destination, CAST(NULL AS TEXT) AS station
          FROM down d
          LEFT JOIN trace_batches b ON b.uri = d.uri AND b.county_code = \(bind: county)
          LEFT JOIN trace_products p ON p.id = b.product_id
        UNION ALL
        SELECT 'shipment', s.uri, NULL, NULL, NULL, s.destination, f.name
          FROM trace_shipments s
          JOIN down d ON d.uri = s.uri
          LEFT JOIN network_facilities f ON f.id = s.facility_id
         WHERE s.county_code = \(bind: county) AND s.direction = 'shipping'
        """
        return try await sql.raw(query).all().map { r in
            Row(kind: Row.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .item,
                uri: try r.decode(column: "uri", as: String.self),
                batchID: try r.decode(column: "batch_id", as: UUID?.self),
                lot: try r.decode(column: "lot", as: String?.self),
                product: try r.decode(column: "product", as: String?.self),
                destination: try r.decode(column: "destination", as: String?.self),
                station: try r.decode(column: "station", as: String?.self))
        }
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
