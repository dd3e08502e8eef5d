import XiangcunKit
import Foundation

/// One EPCIS 2.0 event (追溯事件) as JSON-LD: what (EPCs, lot quantities), when, where (read
/// point, business location), why (business step, disposition) and who (source / destination
/// parties). The whole JSON object is kept; the accessors read the standard fields from it.
public struct EPCISEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case object = "ObjectEvent", aggregation = "AggregationEvent", transformation = "TransformationEvent"
        case association = "AssociationEvent", transaction = "TransactionEvent"
    }

    public private(set) var json: [String: JSONValue]
    public let kind: Kind
    public let eventID: String
    public let eventTime: Date

    /// Checks the fields every event must have; the failure names the field and the reason.
    public init(json: [String: JSONValue]) throws(EPCISError) {
        guard let type = json["type"]?.string, let kind = Kind(rawValue: type) else { throw .field("type", "unknown event type") }
        guard let timeText = json["eventTime"]?.string, let time = EPCISTime.parse(timeText) else { throw .field("eventTime", "not an ISO 8601 date-time with zone") }
        guard let offset = json["eventTimeZoneOffset"]?.string, EPCISTime.isOffset(offset) else { throw .field("eventTimeZoneOffset", "must be ±hh:mm") }
        if kind != .transformation {
            guard let action = json["action"]?.string, ["ADD", "OBSERVE", "DELETE"].contains(action) else { throw .field("action", "must be ADD, OBSERVE or DELETE") }
        }
        if kind == .aggregation, json["action"]?.string != "OBSERVE", json["parentID"]?.string == nil {
            throw .field("parentID", "an aggregation that adds or deletes needs its parent")
        }
        var json = json
        // EPCIS 2.0 makes eventID optional; ours names every stored event, so one is given.
        let id = json["eventID"]?.string ?? "urn:uuid:" + UUID().uuidString.lowercased()
        guard id.contains(":"), id.count <= 500 else { throw .field("eventID", "must be a URI") }
        json["eventID"] = .string(id)
        self.json = json
        self.kind = kind
        self.eventID = id
        self.eventTime = time
    }

    public var action: String? { json["action"]?.string }
    /// The business step without its vocabulary prefix (`shipping`, not `…BizStep-shipping`).
    public var bizStep: String? { json["bizStep"]?.string.map(CBV.bare) }
    public var disposition: String? { json["disposition"]?.string.map(CBV.bare) }
    public var readPoint: String? { json["readPoint"]?["id"]?.string }
    public var bizLocation: String? { json["bizLocation"]?["id"]?.string }
    public var parentID: String? { json["parentID"]?.string }

    /// Identifiers listed under `list` (EPCs) and the classes of `quantities` (lots).
    func ids(_ list: String, _ quantities: String) -> [String] {
        (json[list]?.array ?? []).compactMap(\.string) + (json[quantities]?.array ?? []).compactMap { $0["epcClass"]?.string }
    }

    public var what: [String] { ids("epcList", "quantityList") }
    public var inputs: [String] { ids("inputEPCList", "inputQuantityList") }
    public var outputs: [String] { ids("outputEPCList", "outputQuantityList") }
    public var children: [String] { ids("childEPCs", "childQuantityList") }

    /// Every identifier the event names, for "which events touched this EPC" queries.
    public var allIDs: [String] { Array(Set(what + inputs + outputs + children + [parentID].compactMap { $0 })) }

    /// Where each item went next: inputs → outputs of a transformation, children → the parent
    /// they were packed into. A recall follows these edges downstream.
    public var links: [TraceLink] {
        switch kind {
        case .transformation:
            return inputs.flatMap { i in outputs.map { TraceLink(from: i, to: $0, kind: .transformation) } }
        case .aggregation where action != "DELETE":
            guard let parent = parentID else { return [] }
            return children.map { TraceLink(from: $0, to: parent, kind: .aggregation) }
        default: return []
        }
    }

    /// The parties and places a shipping or receiving event names as its destinations.
    public var destinations: [String] { (json["destinationList"]?.array ?? []).compactMap { $0["destination"]?.string } }
    public var sources: [String] { (json["sourceList"]?.array ?? []).compactMap { $0["source"]?.string } }

    /// A shipment or receipt carrying `what` (nil for other events).
    public var movement: Movement? {
        guard kind == .object || kind == .transaction else { return nil }
        switch bizStep {
        case "shipping", "departing": return .shipping
        case "receiving", "arriving", "accepting": return .receiving
        default: return nil
        }
    }

    public enum Movement: String, Sendable { case shipping, receiving }
}

/// An edge of the trace graph: `to` is made from or contains `from`.
public struct TraceLink: Hashable, Sendable {
    public enum Kind: String, Sendable { case transformation, aggregation }
    public let from: String
    public let to: String
    public let kind: Kind
    public init(from: String, to: String, kind: Kind) { self.from = from; self.to = to; self.kind = kind }
}

public enum EPCISError: Error, Equatable, Sendable {
    /// A field of the document or of one event, and why it was refused.
    case field(String, String)
    /// Event `index` (from 0) of the list failed.
    indirect case event(Int, EPCISError)

    public var message: String {
        switch self {
        case .field(let f, let why): return "\(f): \(why)"
        case .event(let i, let e): return "eventList[\(i)].\(e.message)"
        }
    }
}

/// Core Business Vocabulary values: bare words or their URIs.
public enum CBV {
    static let prefixes = ["https://ref.gs1.org/cbv/BizStep-", "https://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:bizstep:", "urn:epcglobal:cbv:disp:"]

    public static func bare(_ value: String) -> String {
        for p in prefixes where value.hasPrefix(p) { return String(value.dropFirst(p.count)) }
        return value
    }
}

/// Date-times as EPCIS writes them.
public enum EPCISTime {
    public static func parse(_ text: String) -> Date? {
        if let date = internetDateTime(text) { return date }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// RFC 3339 as EPCIS documents write it — "2026-05-01T08:30:00Z", "…00.123+08:00" — read from
    /// its bytes; anything else goes to the formatter. A formatter per call (ICU set-up) was a
    /// fifth of a trace page's time, which decodes every event of the batch.
    static func internetDateTime(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let day = Day(String(decoding: b[0..<10], as: UTF8.self)),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        // Milliseconds, further digits dropped, as the formatter keeps them.
        var i = 19, millis = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                if i - start < 3 { millis = millis * 10 + Int(b[i] - 48) }
                i += 1
            }
            guard i > start else { return nil }
            for _ in min(i - start, 3)..<3 { millis *= 10 }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else {
            guard i + 6 == b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: ":"),
                  let h = digits(b, i + 1, 2), let m = digits(b, i + 4, 2), h < 24, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        let seconds = day.ordinal * 86_400 + hour * 3600 + minute * 60 + second - offset
        // The same arithmetic as the formatter's (milliseconds since 1970, then the reference
        // date), so both paths give bit-identical dates.
        return Date(timeIntervalSinceReferenceDate: Double(seconds * 1000 + millis) / 1000 - Date.timeIntervalBetween1970AndReferenceDate)
    }

    private static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        var n = 0
        for i in at..<(at + count) {
            guard (48...57).contains(b[i]) else { return nil }
            n = n * 10 + Int(b[i] - 48)
        }
        return n
    }

    public static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    public static func isOffset(_ text: String) -> Bool {
        let c = Array(text)
        return c.count == 6 && (c[0] == "+" || c[0] == "-") && c[3] == ":" && [1, 2, 4, 5].allSatisfy { c[$0].isASCIIDigit }
    }
}
