import Foundation

/// An EPCIS 2.0 document (`EPCISDocument`): the unit of capture and of export.
public enum EPCISDocument {
    public static let context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    /// Documents larger than this many events are refused whole (a capture is one transaction).
    public static let eventLimit = 10_000

    /// Every event of a document, or the first reason it cannot be captured: a document is
    /// taken whole or not at all.
    public static func decode(_ data: Data) throws(EPCISError) -> [EPCISEvent] {
        guard let root = try? JSONValue.decode(data), case .object(let doc) = root else { throw .field("document", "not a JSON object") }
        guard doc["type"]?.string == "EPCISDocument" else { throw .field("type", "must be EPCISDocument") }
        guard doc["schemaVersion"]?.string?.hasPrefix("2.") == true else { throw .field("schemaVersion", "must be 2.0") }
        guard doc["@context"] != nil else { throw .field("@context", "required") }
        guard let list = doc["epcisBody"]?["eventList"]?.array else { throw .field("epcisBody.eventList", "required") }
        guard list.count <= eventLimit else { throw .field("epcisBody.eventList", "more than \(eventLimit) events") }
        // Namespaces declared in the document's context travel with each event, so an
        // extension field still means the same when the event is exported on its own.
        let extraContext = (doc["@context"]?.array ?? []).filter { $0.object != nil }
        var events: [EPCISEvent] = []
        for (i, item) in list.enumerated() {
            guard var json = item.object else { throw .event(i, .field("event", "not an object")) }
            if json["@context"] == nil, !extraContext.isEmpty { json["@context"] = .array(extraContext) }
            do { events.append(try EPCISEvent(json: json)) } catch { throw .event(i, error) }
        }
        return events
    }

    /// A document holding `events` (export and query answers).
    public static func encode(_ events: [EPCISEvent], created: Date = Date()) throws -> Data {
        var contexts: [JSONValue] = [.string(context)]
        var bodies: [JSONValue] = []
        for e in events {
            var json = e.json
            // Move each event's own namespace declarations up to the document's context.
            if let own = json.removeValue(forKey: "@context")?.array {
                for c in own where c.object != nil && !contexts.contains(c) { contexts.append(c) }
            }
            bodies.append(.object(json))
        }
        let doc: JSONValue = .object([
            "@context": .array(contexts), "type": .string("EPCISDocument"), "schemaVersion": .string("2.0"),
            "creationDate": .string(EPCISTime.format(created)), "epcisBody": .object(["eventList": .array(bodies)]),
        ])
        return try doc.encoded()
    }
}

/// Builds the events the county's own forms record (commissioning, production, inspection,
/// transformation, packing, shipping, receiving), in EPCIS 2.0 terms.
public struct EventDraft: Sendable {
    public var kind: EPCISEvent.Kind
    public var time: Date
    public var bizStep: String
    public var disposition: String?
    public var action: String? = "OBSERVE"
    /// Lots (EPC classes) with quantities: `what` of object events, outputs of transformations.
    public var quantities: [(uri: String, quantity: Double, uom: String?)] = []
    public var inputs: [(uri: String, quantity: Double, uom: String?)] = []
    public var parent: String?
    public var readPoint: String?
    public var destination: String?
    public var source: String?
    /// County extension fields (`xc:` namespace): production record, inspection result …
    public var extensions: [String: JSONValue] = [:]
    public var ilmd: [String: JSONValue] = [:]

    public static let namespace = "https://xiangcun.example/epcis/"

    public init(kind: EPCISEvent.Kind, time: Date, bizStep: String, disposition: String? = nil) {
        self.kind = kind
        self.time = time
        self.bizStep = bizStep
        self.disposition = disposition
    }

    func quantityList(_ items: [(uri: String, quantity: Double, uom: String?)]) -> JSONValue {
        .array(items.map { item in
            var q: [String: JSONValue] = ["epcClass": .string(item.uri), "quantity": .number(item.quantity)]
            if let uom = item.uom { q["uom"] = .string(uom) }
            return .object(q)
        })
    }

    public func event() throws(EPCISError) -> EPCISEvent {
        var j: [String: JSONValue] = [
            "type": .string(kind.rawValue), "eventTime": .string(EPCISTime.format(time)), "eventTimeZoneOffset": .string("+08:00"),
            "bizStep": .string(bizStep),
        ]
        if !extensions.isEmpty { j["@context"] = .array([.object(["xc": .string(Self.namespace)])]) }
        if kind != .transformation, let action { j["action"] = .string(action) }
        if let disposition { j["disposition"] = .string(disposition) }
        if let readPoint { j["readPoint"] = .object(["id": .string(readPoint)]) }
        switch kind {
        case .transformation:
            j["inputQuantityList"] = quantityList(inputs)
            j["outputQuantityList"] = quantityList(quantities)
        case .aggregation:
            j["parentID"] = parent.map(JSONValue.string)
            j["childQuantityList"] = quantityList(quantities)
        default:
            j["quantityList"] = quantityList(quantities)
        }
        if let destination { j["destinationList"] = .array([.object(["type": .string("owning_party"), "destination": .string(destination)])]) }
        if let source { j["sourceList"] = .array([.object(["type": .string("owning_party"), "source": .string(source)])]) }
        if !ilmd.isEmpty { j["ilmd"] = .object(ilmd) }
        for (k, v) in extensions { j["xc:" + k] = v }
        return try EPCISEvent(json: j)
    }
}
