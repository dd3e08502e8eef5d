import FluentKit
import Foundation
import LogisticsCore

/// A carrier of a county with its editable waybill pattern (快递公司).
public final class Carrier: Model, @unchecked Sendable {
    public static let schema = "logistics_carriers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "pattern") public var pattern: String

    public init() {}

    public init(county: String, spec: CarrierSpec) {
        self.id = UUID()
        self.countyCode = county
        self.code = spec.code
        self.name = spec.name
        self.pattern = spec.pattern
    }

    public var spec: CarrierSpec { CarrierSpec(code: code, name: name, pattern: pattern) }
}

/// A parcel through the county centre (包裹), either direction. Written in bulk with SQL
/// (see `ParcelIngest`); read with Fluent. The recipient's name and phone are personal data:
/// masked for roles that do not need them, never logged, never on a public page.
public final class Parcel: Model, @unchecked Sendable {
    public static let schema = "logistics_parcels"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "waybill") public var waybill: String
    @Field(key: "carrier_code") public var carrierCode: String
    @Field(key: "direction") public var direction: String
    /// The last scan's kind (`ScanKind` raw value).
    @Field(key: "status") public var status: String
    @Field(key: "recipient_name") public var recipientName: String
    @Field(key: "recipient_phone") public var recipientPhone: String
    @Field(key: "phone_last4") public var phoneLast4: String
    @OptionalField(key: "village_code") public var villageCode: String?
    @Field(key: "address") public var address: String
    /// Destination station (inbound) or collecting station (outbound); nil: in the exceptions queue.
    @OptionalField(key: "station_id") public var stationID: UUID?
    @Field(key: "weight_g") public var weightGrams: Int
    @Field(key: "cod_fen") public var codFen: Int64
    @OptionalField(key: "pickup_code") public var pickupCode: String?
    @OptionalField(key: "producer") public var producer: String?
    @OptionalField(key: "product") public var product: String?
    /// "yyyy-MM" of intake: the scans' partition key, so a parcel's scans live in one partition.
    @Field(key: "month") public var month: String
    /// Beijing day of intake (ISO).
    @Field(key: "intake_day") public var intakeDay: String
    @Field(key: "received_at") public var receivedAt: Date
    @OptionalField(key: "arrived_at") public var arrivedAt: Date?
    @OptionalField(key: "picked_up_at") public var pickedUpAt: Date?
    /// Unsorted (no station could be found): waits in the sorters' queue.
    @Field(key: "exception") public var exception: Bool
    /// The waybill matches another carrier's pattern better than the declared one's.
    @Field(key: "carrier_mismatch") public var carrierMismatch: Bool
    @Field(key: "sample") public var sample: Bool

    public init() {}

    public var scanKind: ScanKind { ScanKind(rawValue: status) ?? .received }
    public var parcelDirection: Direction { Direction(rawValue: direction) ?? .inbound }
}

/// One scan event. Written in bulk with SQL; the unique key (parcel, kind, month) is what makes
/// a resent scan a no-op. On PostgreSQL the table is partitioned by `month`.
public final class ScanEvent: Model, @unchecked Sendable {
    public static let schema = "logistics_scans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "month") public var month: String
    @Field(key: "parcel_id") public var parcelID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "at") public var at: Date
    @Field(key: "day") public var day: String
    @OptionalField(key: "place_id") public var placeID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "note") public var note: String

    public init() {}
}

/// Address text a sorter taught the system: text → station (站点别名).
public final class StationAlias: Model, @unchecked Sendable {
    public static let schema = "logistics_aliases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "alias") public var alias: String
    @Field(key: "station_id") public var stationID: UUID
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A county's logistics settings: what a villager saved per parcel (seeds: 5 yuan) and what
/// the co-delivery costs a day, for cost per parcel.
public final class LogisticsSettings: Model, @unchecked Sendable {
    public static let schema = "logistics_settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "saving_fen") public var savingFen: Int64
    @Field(key: "daily_cost_fen") public var dailyCostFen: Int64

    public init() {}

    public static let defaultSavingFen: Int64 = 500
}
