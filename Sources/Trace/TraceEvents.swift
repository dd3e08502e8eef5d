import Audit
import FluentKit
import Foundation
import TraceCore

/// Storing and reading EPCIS events. Every event the county records, by form or by the capture
/// endpoint, goes through `store`, which also keeps the graph edges and shipments it implies.
public enum TraceEvents {
    /// How a capture went: events stored, and those skipped because their `eventID` was already
    /// captured (EPCIS duplicate removal).
    public struct CaptureResult: Sendable, Equatable {
        public var stored: Int
        public var duplicates: Int
        public init(stored: Int, duplicates: Int) { self.stored = stored; self.duplicates = duplicates }
    }

    /// A station of the service network as an EPCIS party (shipping destination).
    public static func facilityURI(_ id: UUID) -> String { "urn:xiangcun:facility:\(id.uuidString.lowercased())" }
    /// A named recipient without an identifier of its own.
    public static func partyURI(_ name: String) -> String {
        "urn:xiangcun:party:" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "unknown")
    }

    /// The readable name of a destination URI (station id or percent-encoded party name).
    public static func destinationName(_ uri: String) -> String {
        if uri.hasPrefix("urn:xiangcun:party:") { return String(uri.dropFirst(19)).removingPercentEncoding ?? uri }
        return uri
    }

    static func facilityID(_ uri: String) -> UUID? {
        uri.hasPrefix("urn:xiangcun:facility:") ? UUID(uuidString: String(uri.dropFirst(22))) : nil
    }

    /// Captures a whole document inside one transaction: all events or none. An event whose
    /// `eventID` is already stored for the county, or repeats one earlier in the document, is skipped.
    public static func capture(_ events: [EPCISEvent], county: String, on db: any Database) async throws -> CaptureResult {
        try await db.writeTransaction { tx in
            var seen = Set<String>()
            let ids = events.map(\.eventID)
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let known = try await StoredEvent.query(on: tx).filter(\.$countyCode == county).filter(\.$eventID ~~ chunk).all()
                seen.formUnion(known.map(\.eventID))
            }
            var stored = 0
            for e in events where !seen.contains(e.eventID) {
                seen.insert(e.eventID)
                try await store(e, county: county, on: tx)
                stored += 1
            }
            return CaptureResult(stored: stored, duplicates: events.count - stored)
        }
    }

    /// Stores one event with its items, links and shipments (call inside a transaction).
    @discardableResult
    public static func store(_ e: EPCISEvent, county: String, on tx: any Database) async throws -> StoredEvent {
        let row = StoredEvent()
        row.countyCode = county
        row.eventID = e.eventID
        row.kind = e.kind.rawValue
        row.eventTime = e.eventTime
        row.bizStep = e.bizStep
        row.bizLocation = e.bizLocation
        row.json = String(decoding: try JSONValue.object(e.json).encoded(), as: UTF8.self)
        try await row.create(on: tx)
        let id = try row.requireID()
        let items = e.allIDs.map { uri in
            let item = EventItem()
            item.countyCode = county; item.eventRow = id; item.uri = uri; item.eventTime = e.eventTime
            return item
        }
        try await items.create(on: tx)
        let links = e.links.map { l in
            let link = StoredLink()
            link.countyCode = county; link.fromURI = l.from; link.toURI = l.to; link.kind = l.kind.rawValue; link.eventRow = id
            return link
        }
        try await links.create(on: tx)
        if let movement = e.movement {
            let places = movement == .shipping ? e.destinations : e.sources
            let shipments = e.what.flatMap { uri in (places.isEmpty ? [""] : places).map { place in
                let s = Shipment()
                s.countyCode = county; s.uri = uri; s.eventRow = id; s.direction = movement.rawValue; s.at = e.eventTime
                s.destination = place; s.facilityID = facilityID(place)
                return s
            } }
            try await shipments.create(on: tx)
        }
        return row
    }

    /// Query filters (EPCIS 2.0 query parameters of the same names).
    public struct Filter: Sendable {
        public var eventType: String?
        public var from: Date?      // GE_eventTime
        public var until: Date?     // LT_eventTime
        public var bizStep: String? // EQ_bizStep
        public var bizLocation: String? // EQ_bizLocation
        public var anyEPC: String?  // MATCH_anyEPC
        public init() {}
    }

    /// One page of the county's events, oldest first, and the total.
    public static func query(county: String, _ f: Filter, page: Int, per: Int, on db: any Database) async throws -> (events: [EPCISEvent], total: Int) {
        let q = StoredEvent.query(on: db).filter(\.$countyCode == county)
        if let t = f.eventType { q.filter(\.$kind == t) }
        if let d = f.from { q.filter(\.$eventTime >= d) }
        if let d = f.until { q.filter(\.$eventTime < d) }
        if let s = f.bizStep { q.filter(\.$bizStep == CBV.bare(s)) }
        if let l = f.bizLocation { q.filter(\.$bizLocation == l) }
        if let epc = f.anyEPC {
            let rows = try await EventItem.query(on: db).filter(\.$countyCode == county).filter(\.$uri == epc).limit(10_000).all().map(\.eventRow)
            q.filter(\.$id ~~ rows)
        }
        let total = try await q.count()
        let rows = try await q.sort(\.$eventTime).sort(\.$eventID).range(((page - 1) * per)..<(page * per)).all()
        return (try rows.map(decode), total)
    }

    public static func decode(_ row: StoredEvent) throws -> EPCISEvent {
        guard case .object(let json) = try JSONValue.decode(Data(row.json.utf8)) else { throw EPCISError.field("json", "stored event is not an object") }
        return try EPCISEvent(json: json)
    }

    /// The events naming `uri`, in time order (a batch's timeline). Two indexed reads: as one
    /// join, SQLite 3.54 chose to scan the events and look each one's items up.
    public static func timeline(uri: String, county: String, limit: Int = 200, on db: any Database) async throws -> [StoredEvent] {
        let rows = try await EventItem.query(on: db).filter(\.$countyCode == county).filter(\.$uri == uri)
            .sort(\.$eventTime).limit(limit).all().map(\.eventRow)
        guard !rows.isEmpty else { return [] }
        return try await StoredEvent.query(on: db).filter(\.$id ~~ rows).sort(\.$eventTime).all()
    }
}
