import Foundation
import XiangcunKit

/// One parcel as it comes in (an API item, a manifest row, a scan-page entry), before checks.
public struct ParcelInput: Sendable, Codable, Equatable {
    public var waybill: String
    public var carrier: String
    public var direction: String?
    public var villageCode: String?
    public var address: String?
    public var recipientName: String?
    public var recipientPhone: String?
    /// Grams.
    public var weightGrams: Int?
    /// Cash on delivery, in fen.
    public var codFen: Int64?
    /// Outbound: the producer (生产主体) and product (产品).
    public var producer: String?
    public var product: String?
    /// When the parcel was received (ISO 8601); absent: now.
    public var receivedAt: Date?

    public init(waybill: String, carrier: String, direction: String? = nil, villageCode: String? = nil, address: String? = nil,
                recipientName: String? = nil, recipientPhone: String? = nil, weightGrams: Int? = nil, codFen: Int64? = nil,
                producer: String? = nil, product: String? = nil, receivedAt: Date? = nil) {
        self.waybill = waybill; self.carrier = carrier; self.direction = direction; self.villageCode = villageCode
        self.address = address; self.recipientName = recipientName; self.recipientPhone = recipientPhone
        self.weightGrams = weightGrams; self.codFen = codFen; self.producer = producer; self.product = product
        self.receivedAt = receivedAt
    }
}

/// A parcel that passed the checks.
public struct ParcelRecord: Sendable, Equatable {
    public var waybill: String
    public var carrier: String
    public var direction: Direction
    public var villageCode: String?
    public var address: String
    public var recipientName: String
    public var recipientPhone: String
    public var weightGrams: Int
    public var codFen: Int64
    public var producer: String?
    public var product: String?
    public var receivedAt: Date

    /// The last four digits of the phone: what the public tracking page asks for.
    /// Read as bytes from the end (a phone is ASCII): it is made for every parcel taken in.
    public var phoneLast4: String {
        var digits: [UInt8] = []
        for byte in recipientPhone.utf8.reversed() where byte >= 0x30 && byte <= 0x39 {
            digits.append(byte)
            if digits.count == 4 { break }
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

public enum ParcelRules {
    public static let maxWeightGrams = 100_000
    public static let maxCodFen: Int64 = 10_000_000

    /// A waybill number: 6–40 letters, digits or dashes (upper-cased).
    public static func waybill(_ raw: String) -> String? {
        // Plain ASCII without surrounding blanks (what scanners send) skips Foundation's
        // trimming and case mapping, which were most of a batch's per-item checks.
        let plain = raw.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        let w = plain ? (raw.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? raw.uppercased() : raw)
                      : raw.trimming(.whitespacesAndNewlines).uppercased()
        // Bytes, not Characters: only ASCII passes, and this runs for every item of a batch.
        guard (6...40).contains(w.utf8.count), w.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }) else { return nil }
        return w
    }

    /// A phone: 7–20 characters, digits with optional +, - or spaces; at least 7 digits.
    public static func phone(_ raw: String) -> String? {
        let p = raw.trimming(.whitespaces)
        let bytes = p.utf8
        guard (7...20).contains(bytes.count), bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x20 }),
              bytes.lazy.filter({ $0 >= 0x30 && $0 <= 0x39 }).count >= 7 else { return nil }
        return p
    }

    /// Checks one input against the county's carriers; failures are keyed by the API field name.
    /// `knownVillages`: codes already known to be villages of the county (the sorting plan's),
    /// accepted without parsing them again — a batch names the same few hundred villages.
    public static func check(_ input: ParcelInput, carriers: Set<String>, county: DivisionCode, now: Date = Date(),
                             knownVillages: Set<String> = []) -> Result<ParcelRecord, ValidationFailure> {
        var failure = ValidationFailure()
        let waybill = waybill(input.waybill)
        if waybill == nil { failure.add("waybill", "logistics.error.waybill") }
        let carrier = input.carrier.trimming(.whitespaces).lowercased()
        if !carriers.contains(carrier) { failure.add("carrier", "logistics.error.carrier") }
        let direction = Direction(rawValue: input.direction ?? "inbound")
        if direction == nil { failure.add("direction", "logistics.error.direction") }
        var village: String?
        if let code = input.villageCode?.trimming(.whitespaces), !code.isEmpty {
            if knownVillages.contains(code) { village = code }
            else if let c = try? DivisionCode(code), c.level == .village, c.isWithin(county) { village = c.value }
            else { failure.add("villageCode", "logistics.error.village") }
        }
        let address = FieldRules.text(input.address ?? "", field: "address", limit: 200, into: &failure)
        if village == nil, address.isEmpty, direction == .inbound { failure.add("address", "logistics.error.destination") }
        let name = FieldRules.name(input.recipientName ?? "", field: "recipientName", limit: 50, required: direction == .inbound, into: &failure)
        var phone: String?
        if let raw = input.recipientPhone, !raw.trimming(.whitespaces).isEmpty {
            phone = Self.phone(raw)
            if phone == nil { failure.add("recipientPhone", "logistics.error.phone") }
        } else if direction == .inbound { failure.add("recipientPhone", "error.required") }
        let weight = input.weightGrams ?? 0
        if !(0...maxWeightGrams).contains(weight) { failure.add("weightGrams", "logistics.error.weight") }
        let cod = input.codFen ?? 0
        if !(0...maxCodFen).contains(cod) { failure.add("codFen", "logistics.error.cod") }
        let producer = FieldRules.name(input.producer ?? "", field: "producer", required: direction == .outbound, into: &failure)
        let product = FieldRules.name(input.product ?? "", field: "product", required: direction == .outbound, into: &failure)
        if let at = input.receivedAt, at > now.addingTimeInterval(600) { failure.add("receivedAt", "error.future") }
        guard failure.isEmpty, let waybill, let direction else { return .failure(failure) }
        return .success(ParcelRecord(waybill: waybill, carrier: carrier, direction: direction, villageCode: village, address: address,
                                     recipientName: name ?? "", recipientPhone: phone ?? "", weightGrams: weight, codFen: cod,
                                     producer: producer, product: product, receivedAt: input.receivedAt ?? now))
    }
}
