import Foundation
import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// The bulk endpoints' bodies read and replies written without `Codable` (`JSONReader`,
/// `JSONWriter`): a 2,000-item batch is decoded and answered in a fraction of the time, and a
/// value of the wrong kind is answered 422 naming it (`items[3].weightGrams`), not a bare 400.
enum LogisticsBatchJSON {
    /// One item's fields as read, and where each failed.
    struct Item {
        let index: Int
        var failure = ValidationFailure()

        func path(_ field: String) -> String { "items[\(index)].\(field)" }

        /// Reads the value with `read`; a value of the wrong kind is recorded against the field.
        mutating func value<T>(_ field: String, _ reader: inout JSONReader, _ read: (inout JSONReader) throws -> T?) throws -> T? {
            do {
                return try read(&reader)
            } catch JSONReader.Failure.kind(let expected) {
                failure.add(path(field), "api.json.kind", expected)
                return nil
            }
        }

        mutating func string(_ field: String, _ reader: inout JSONReader) throws -> String? { try value(field, &reader) { try $0.readString() } }

        mutating func int(_ field: String, _ reader: inout JSONReader) throws -> Int? { try value(field, &reader) { try $0.readInt() } }

        /// An ISO 8601 time, as the API's `JSONDecoder` reads one (`.iso8601`).
        mutating func date(_ field: String, _ reader: inout JSONReader) throws -> Date? {
            guard let text = try string(field, &reader) else { return nil }
            guard let date = try? Date.ISO8601FormatStyle().parse(text) else { failure.add(path(field), "api.json.datetime"); return nil }
            return date
        }

        mutating func required(_ field: String, _ value: String?) -> String {
            if value == nil { failure.add(path(field), "error.required") }
            return value ?? ""
        }
    }

    /// `{"items": [ … ]}` → the items, each read by `read`. Not JSON (or not a JSON body): 400
    /// or 415; values of the wrong kind or missing: 422 naming each.
    static func items<T>(_ req: Request, _ read: (inout JSONReader, inout Item) throws -> T) throws -> [T] {
        guard req.headers.contentType == .json else { throw Abort(.unsupportedMediaType, reason: "Content-Type: application/json") }
        var reader = JSONReader(req.body.data.map { Array($0.readableBytesView) } ?? [])
        var items: [T] = []
        var failure = ValidationFailure()
        var place = "body"
        do {
            try reader.readObject { key, r in
                guard key == "items" else { try r.skipValue(); return }
                place = "items"
                try r.readArray { i, r in
                    var item = Item(index: i)
                    do {
                        items.append(try read(&r, &item))
                    } catch JSONReader.Failure.kind(let expected) {
                        item.failure.add("items[\(i)]", "api.json.kind", expected)
                    }
                    for (field, message) in item.failure.fields where failure.fields.count < 100 { failure.add(field, message) }
                }
                place = "body"
            }
            try reader.end()
        } catch JSONReader.Failure.syntax(let offset, let expected) {
            throw Abort(.badRequest, reason: "Not valid JSON at byte \(offset): expected \(expected)")
        } catch JSONReader.Failure.kind(let expected) {
            failure.add(place, "api.json.kind", expected)
        }
        try failure.throwIfAny()
        return items
    }

    static func parcel(_ r: inout JSONReader, _ item: inout Item) throws -> ParcelInput {
        var waybill: String?, carrier: String?, input = ParcelInput(waybill: "", carrier: "")
        try r.readObject { key, r in
            switch key {
            case "waybill": waybill = try item.string(key, &r)
            case "carrier": carrier = try item.string(key, &r)
            case "direction": input.direction = try item.string(key, &r)
            case "villageCode": input.villageCode = try item.string(key, &r)
            case "address": input.address = try item.string(key, &r)
            case "recipientName": input.recipientName = try item.string(key, &r)
            case "recipientPhone": input.recipientPhone = try item.string(key, &r)
            case "weightGrams": input.weightGrams = try item.int(key, &r)
            case "codFen": input.codFen = try item.int(key, &r).map(Int64.init)
            case "producer": input.producer = try item.string(key, &r)
            case "product": input.product = try item.string(key, &r)
            case "receivedAt": input.receivedAt = try item.date(key, &r)
            default: try r.skipValue()
            }
        }
        input.waybill = item.required("waybill", waybill)
        input.carrier = item.required("carrier", carrier)
        return input
    }

    static func scan(_ r: inout JSONReader, _ item: inout Item) throws -> ScanInput {
        var waybill: String?, kind: String?, input = ScanInput(waybill: "", kind: "")
        try r.readObject { key, r in
            switch key {
            case "waybill": waybill = try item.string(key, &r)
            case "kind": kind = try item.string(key, &r)
            case "at": input.at = try item.date(key, &r)
            case "note": input.note = try item.string(key, &r)
            case "place":
                guard let text = try item.string(key, &r) else { return }
                input.place = UUID(text: text) ?? UUID(uuidString: text)
                if input.place == nil { item.failure.add(item.path(key), "error.invalid") }
            default: try r.skipValue()
            }
        }
        input.waybill = item.required("waybill", waybill)
        input.kind = item.required("kind", kind)
        return input
    }

    /// `{"created": n, "duplicate": n, "rejected": n, "results": [ … ]}`, keys in order as the
    /// API's other replies (sorted).
    static func reply<T>(_ results: [T], outcome: (T) -> IngestResult.Outcome, write: (T, inout JSONWriter) -> Void) -> Response {
        var json = JSONWriter(capacity: 96 * results.count + 64)
        var counts: [IngestResult.Outcome: Int] = [:]
        for r in results { counts[outcome(r), default: 0] += 1 }
        json.openObject()
        json.field("created", counts[.created] ?? 0)
        json.field("duplicate", counts[.duplicate] ?? 0)
        json.field("rejected", counts[.rejected] ?? 0)
        json.key("results")
        json.openArray()
        for r in results {
            json.openObject()
            write(r, &json)
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: json.bytes)))
        response.headers.contentType = .json
        return response
    }

    static func write(_ r: IngestResult, _ json: inout JSONWriter) {
        json.field("errors", r.errors)
        json.field("index", r.index)
        json.field("outcome", r.outcome.rawValue)
        json.field("station", r.station?.text)
        json.field("suggestedCarriers", r.suggestedCarriers)
        json.field("waybill", r.waybill)
    }

    static func write(_ r: ScanResult, _ json: inout JSONWriter) {
        json.field("errors", r.errors)
        json.field("index", r.index)
        json.field("outcome", r.outcome.rawValue)
        json.field("pickupCode", r.pickupCode)
        json.field("waybill", r.waybill)
    }
}
