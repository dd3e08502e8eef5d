import Audit
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

/// A facility of the service network (服务网点 / 设施): a station, a centre, a warehouse …
/// County-owned: every row carries `county_code`; names are unique within a county.
public final class Facility: Model, @unchecked Sendable {
    public static let schema = "network_facilities"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "type") public var type: String
    @Field(key: "name") public var name: String
    /// Where it is: a village code for village stations, a township code for township stations.
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "address") public var address: String
    /// WGS-84, optional.
    @OptionalField(key: "latitude") public var latitude: Double?
    @OptionalField(key: "longitude") public var longitude: Double?
    @OptionalField(key: "area_m2") public var areaM2: Int?
    /// The person running it (站长). Personal data: the phone is masked by role and never logged.
    @Field(key: "operator_name") public var operatorName: String
    @OptionalField(key: "operator_phone") public var operatorPhone: String?
    /// A phone the station publishes for the public (may appear on public pages).
    @OptionalField(key: "service_phone") public var servicePhone: String?
    /// The contractor that built / runs it (free text until contractors are records).
    @OptionalField(key: "contractor_name") public var contractorName: String?
    @Field(key: "opening_hours") public var openingHours: String
    /// Current status and the day it took effect; the full history is in `network_status_history`.
    @Field(key: "status") public var status: String
    @Field(key: "status_since") public var statusSince: String
    /// 统一标识 done.
    @Field(key: "signage") public var signage: Bool
    /// 示范站（点）.
    @Field(key: "demonstration") public var demonstration: Bool
    // Township commerce centre (商贸中心) figures.
    @OptionalField(key: "sku_count") public var skuCount: Int?
    @OptionalField(key: "population_served") public var populationServed: Int?
    @OptionalField(key: "delivery_radius_km") public var deliveryRadiusKm: Double?
    /// Warehouse storage: cold / ambient / both.
    @OptionalField(key: "storage_kind") public var storageKind: String?
    @Field(key: "notes") public var notes: String
    /// Demo rows are flagged so nobody mistakes them for real.
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var facilityType: FacilityType { FacilityType(rawValue: type) ?? .villageStation }
    public var facilityStatus: FacilityStatus { FacilityStatus(rawValue: status) ?? .planned }
    public var division: DivisionCode? { try? DivisionCode(divisionCode) }

    /// Values for the audit trail (operator phone masked).
    public var auditValues: AuditValues {
        var v: AuditValues = [
            "type": type, "name": name, "division": divisionCode, "address": address, "operatorName": operatorName,
            "operatorPhone": operatorPhone.map(Identifiers.maskPhone) ?? "", "servicePhone": servicePhone ?? "",
            "contractor": contractorName ?? "", "openingHours": openingHours, "status": status, "statusSince": statusSince,
            "signage": "\(signage)", "demonstration": "\(demonstration)", "notes": notes,
        ]
        v["latitude"] = latitude.map { String(format: "%.6f", $0) } ?? ""
        v["longitude"] = longitude.map { String(format: "%.6f", $0) } ?? ""
        v["areaM2"] = areaM2.map(String.init) ?? ""
        v["skuCount"] = skuCount.map(String.init) ?? ""
        v["populationServed"] = populationServed.map(String.init) ?? ""
        v["deliveryRadiusKm"] = deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? ""
        v["storageKind"] = storageKind ?? ""
        return v
    }
}

/// One status change of a facility, effective from a day (Beijing time).
public final class FacilityStatusChange: Model, @unchecked Sendable {
    public static let schema = "network_status_history"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "status") public var status: String
    /// "yyyy-MM-dd".
    @Field(key: "effective_on") public var effectiveOn: String
    @Field(key: "note") public var note: String
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}

    public init(facilityID: UUID, county: String, status: FacilityStatus, on day: Day, note: String = "") {
        self.facilityID = facilityID
        self.countyCode = county
        self.status = status.rawValue
        self.effectiveOn = day.iso
        self.note = note
    }
}

/// A service a county added to its catalogue (the defaults are built in: `DefaultService`).
public final class CustomService: Model, @unchecked Sendable {
    public static let schema = "network_services"

    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String

    public init() {}
}

/// A service offered by a facility (service code: a `DefaultService` raw value or a county's own code).
public final class FacilityService: Model, @unchecked Sendable {
    public static let schema = "network_facility_services"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "service_code") public var serviceCode: String

    public init() {}

    public init(facilityID: UUID, county: String, code: String) {
        self.facilityID = facilityID
        self.countyCode = county
        self.serviceCode = code
    }
}

/// A division (village or township) a facility serves besides its own, for a period.
/// Rows are never rewritten: a change closes the old row (`validTo`) and opens a new one
/// (`validFrom`), so coverage at a past date uses the lists in force then.
public final class FacilityServedDivision: Model, @unchecked Sendable {
    public static let schema = "network_served_divisions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "division_code") public var divisionCode: String
    /// First day served (ISO); nil: since the facility was recorded.
    @OptionalField(key: "valid_from") public var validFrom: String?
    /// First day no longer served (ISO); nil: still served.
    @OptionalField(key: "valid_to") public var validTo: String?

    public init() {}

    public init(facilityID: UUID, county: String, division: String, from: Day? = nil) {
        self.facilityID = facilityID
        self.countyCode = county
        self.divisionCode = division
        self.validFrom = from?.iso
    }

    var period: ServedPeriod {
        ServedPeriod(divisionCode, from: validFrom.flatMap { Day($0) }, until: validTo.flatMap { Day($0) })
    }
}

/// The signage and demonstration flags of a facility from a day on (统一标识, 示范站).
public final class FacilityFlagChange: Model, @unchecked Sendable {
    public static let schema = "network_flag_changes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "signage") public var signage: Bool
    @Field(key: "demonstration") public var demonstration: Bool
    /// ISO day the flags took effect; nil: the flags recorded with the facility.
    @OptionalField(key: "effective_on") public var effectiveOn: String?
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}

    public init(facilityID: UUID, county: String, signage: Bool, demonstration: Bool, on day: Day?) {
        self.facilityID = facilityID
        self.countyCode = county
        self.signage = signage
        self.demonstration = demonstration
        self.effectiveOn = day?.iso
    }

    var event: FlagEvent { FlagEvent(effectiveOn.flatMap { Day($0) }, signage: signage, demonstration: demonstration) }
}

/// Links a station operator's account to the facility they run.
public final class FacilityOperator: Model, @unchecked Sendable {
    public static let schema = "network_facility_operators"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String

    public init() {}
}

/// What a station did in one month (月度运营记录).
public final class OperatingRecord: Model, @unchecked Sendable {
    public static let schema = "network_operating_records"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    /// "yyyy-MM".
    @Field(key: "month") public var month: String
    @Field(key: "parcels_in") public var parcelsIn: Int
    @Field(key: "parcels_out") public var parcelsOut: Int
    @Field(key: "purchase_orders") public var purchaseOrders: Int
    @Field(key: "purchase_fen") public var purchaseFen: Int64
    @Field(key: "sale_orders") public var saleOrders: Int
    @Field(key: "sale_fen") public var saleFen: Int64
    @Field(key: "bill_payments") public var billPayments: Int
    @Field(key: "other_services") public var otherServices: Int
    /// First submission (for the on-time rate); later corrections keep it.
    @Field(key: "submitted_at") public var submittedAt: Date
    @Field(key: "submitted_by") public var submittedBy: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var values: RecordValues {
        get {
            RecordValues(parcelsIn: parcelsIn, parcelsOut: parcelsOut, purchaseOrders: purchaseOrders, purchaseAmount: Money(fen: purchaseFen),
                         saleOrders: saleOrders, saleAmount: Money(fen: saleFen), billPayments: billPayments, otherServices: otherServices)
        }
        set {
            parcelsIn = newValue.parcelsIn; parcelsOut = newValue.parcelsOut
            purchaseOrders = newValue.purchaseOrders; purchaseFen = newValue.purchaseAmount.fen
            saleOrders = newValue.saleOrders; saleFen = newValue.saleAmount.fen
            billPayments = newValue.billPayments; otherServices = newValue.otherServices
        }
    }

    public var auditValues: AuditValues {
        var v = values.auditValues
        v["month"] = month
        return v
    }

    /// First submitted before its month's deadline (`ReportingRules.isOnTime`); a month that
    /// does not parse is not held against the station.
    public var isOnTime: Bool { Month(month).map { ReportingRules.isOnTime(submittedAt: submittedAt, month: $0) } ?? true }
}

/// A photo kept as evidence (佐证照片); the file lives under the data folder, named by its SHA-256.
public final class FacilityPhoto: Model, @unchecked Sendable {
    public static let schema = "network_facility_photos"

    @ID(key: .id) public var id: UUID?
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "caption") public var caption: String
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "uploaded_at", on: .create) public var uploadedAt: Date?

    public init() {}
}

/// The monthly figures as the audit trail stores them (amounts in yuan).
extension RecordValues {
    public var auditValues: AuditValues {
        ["parcelsIn": "\(parcelsIn)", "parcelsOut": "\(parcelsOut)", "purchaseOrders": "\(purchaseOrders)",
         "purchaseAmount": purchaseAmount.yuanText, "saleOrders": "\(saleOrders)", "saleAmount": saleAmount.yuanText,
         "billPayments": "\(billPayments)", "otherServices": "\(otherServices)"]
    }
}

/// The network's tables. Appended to `Storage.migrations` after the foundation's.
public struct CreateNetwork: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Facility.schema)
            .id()
            .field("county_code", .string, .required)
            .field("type", .string, .required)
            .field("name", .string, .required)
            .field("division_code", .string, .required)
            .field("address", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("area_m2", .int)
            .field("operator_name", .string, .required)
            .field("operator_phone", .string)
            .field("service_phone", .string)
            .field("contractor_name", .string)
            .field("opening_hours", .string, .required)
            .field("status", .string, .required)
            .field("status_since", .string, .required)
            .field("signage", .bool, .required)
            .field("demonstration", .bool, .required)
            .field("sku_count", .int)
            .field("population_served", .int)
            .field("delivery_radius_km", .double)
            .field("storage_kind", .string)
            .field("notes", .string, .required)
            .field("sample", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "county_code", "name")
            .create()
        try await database.createIndex("network_facilities_county_division", on: Facility.schema, columns: ["county_code", "division_code"])

        try await database.schema(FacilityStatusChange.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("status", .string, .required)
            .field("effective_on", .string, .required)
            .field("note", .string, .required)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("network_status_history_county", on: FacilityStatusChange.schema, columns: ["county_code", "facility_id", "effective_on"])

        try await database.schema(CustomService.schema)
            .id()
            .field("county_code", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "county_code", "code")
            .create()

        try await database.schema(FacilityService.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("service_code", .string, .required)
            .unique(on: "facility_id", "service_code")
            .create()
        try await database.createIndex("network_facility_services_county", on: FacilityService.schema, columns: ["county_code"])

        try await database.schema(FacilityServedDivision.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("division_code", .string, .required)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        try await database.createIndex("network_served_divisions_county", on: FacilityServedDivision.schema, columns: ["county_code", "facility_id"])

        try await database.schema(FacilityFlagChange.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("signage", .bool, .required)
            .field("demonstration", .bool, .required)
            .field("effective_on", .string)
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("network_flag_changes_county", on: FacilityFlagChange.schema, columns: ["county_code", "facility_id"])

        try await database.schema(FacilityOperator.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .unique(on: "user_id")
            .create()

        try await database.schema(OperatingRecord.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("month", .string, .required)
            .field("parcels_in", .int, .required)
            .field("parcels_out", .int, .required)
            .field("purchase_orders", .int, .required)
            .field("purchase_fen", .int64, .required)
            .field("sale_orders", .int, .required)
            .field("sale_fen", .int64, .required)
            .field("bill_payments", .int, .required)
            .field("other_services", .int, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "facility_id", "month")
            .create()
        try await database.createIndex("network_records_county_month", on: OperatingRecord.schema, columns: ["county_code", "month"])

        try await database.schema(FacilityPhoto.schema)
            .id()
            .field("facility_id", .uuid, .required, .references(Facility.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required)
            .field("sha256", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("caption", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        for schema in [FacilityPhoto.schema, OperatingRecord.schema, FacilityOperator.schema, FacilityFlagChange.schema, FacilityServedDivision.schema,
                       FacilityService.schema, CustomService.schema, FacilityStatusChange.schema, Facility.schema] {
            try await database.schema(schema).delete()
        }
    }
}
