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
