import FluentKit
import Foundation

/// 生产主体: an enterprise, cooperative (合作社), family farm (家庭农场) or individual grower.
/// Identifiers and the contact phone are personal data: stored whole, shown masked.
public final class Producer: Model, @unchecked Sendable {
    public static let schema = "trace_producers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    /// 统一社会信用代码 (GB 32100), for enterprises, cooperatives and registered farms.
    @OptionalField(key: "credit_code") public var creditCode: String?
    /// 身份证号 (GB 11643), for individuals.
    @OptionalField(key: "id_number") public var idNumber: String?
    @Field(key: "contact_name") public var contactName: String
    @OptionalField(key: "contact_phone") public var contactPhone: String?
    /// Township or village where it produces.
    @Field(key: "division_code") public var divisionCode: String
    /// 主体码 of the national traceability platform, when registered there.
    @OptionalField(key: "subject_code") public var subjectCode: String?
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A user account that records for a producer (role `producer`).
public final class ProducerUser: Model, @unchecked Sendable {
    public static let schema = "trace_producer_users"
    @ID(key: .id) public var id: UUID?
    @Field(key: "producer_id") public var producerID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "county_code") public var countyCode: String
    public init() {}
}

/// 认证: green food, organic, geographical indication, SC production licence.
public final class Certification: Model, @unchecked Sendable {
    public static let schema = "trace_certifications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "producer_id") public var producerID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "number") public var number: String
    @Field(key: "valid_from") public var validFrom: String
    @Field(key: "valid_to") public var validTo: String
    /// SHA-256 and name of the scanned certificate, when one was attached.
    @OptionalField(key: "evidence_sha256") public var evidenceSHA256: String?
    @OptionalField(key: "evidence_name") public var evidenceName: String?
    public init() {}
}

/// 网货目录 entry: one product of the county catalogue.
public final class Product: Model, @unchecked Sendable {
    public static let schema = "trace_products"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    /// The county's product code: the trace-code path `/t/{code}` when there is no GTIN.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "category") public var category: String
    @Field(key: "specification") public var specification: String
    @Field(key: "unit") public var unit: String
    @Field(key: "season") public var season: String
    /// 年产量, in `unit`s.
    @Field(key: "annual_output") public var annualOutput: Int
    @Field(key: "grade") public var grade: String
    @OptionalField(key: "gtin") public var gtin: String?
    /// 爆款.
    @Field(key: "bestseller") public var bestseller: Bool
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 产品标准: a grading, packaging or storage standard of a product; each change is a new version.
public final class ProductStandard: Model, @unchecked Sendable {
    public static let schema = "trace_standards"
    @ID(key: .id) public var id: UUID?
    @Field(key: "product_id") public var productID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "version") public var version: Int
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @Field(key: "effective_on") public var effectiveOn: String
    public init() {}
}

/// 区域公用品牌: a county-owned brand licensed to producers.
public final class Brand: Model, @unchecked Sendable {
    public static let schema = "trace_brands"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    public init() {}
}

/// 品牌授权: a producer may use a brand (on one product, or all) from one day to another.
public final class BrandGrant: Model, @unchecked Sendable {
    public static let schema = "trace_brand_grants"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "brand_id") public var brandID: UUID
    @Field(key: "producer_id") public var producerID: UUID
    @OptionalField(key: "product_id") public var productID: UUID?
    @Field(key: "valid_from") public var validFrom: String
    @Field(key: "valid_to") public var validTo: String
    @OptionalField(key: "revoked_on") public var revokedOn: String?
    @OptionalField(key: "revoke_reason") public var revokeReason: String?
    public init() {}
}

/// 批次: a lot of one product from one producer, known in events by its `uri`.
public final class Batch: Model, @unchecked Sendable {
    public static let schema = "trace_batches"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "product_id") public var productID: UUID
    @Field(key: "producer_id") public var producerID: UUID
    @Field(key: "lot") public var lot: String
    @Field(key: "uri") public var uri: String
    @OptionalField(key: "brand_id") public var brandID: UUID?
    /// 产地: the plot or base it came from.
    @Field(key: "origin") public var origin: String
    @OptionalField(key: "harvested_on") public var harvestedOn: String?
    @Field(key: "quantity") public var quantity: Double
    @Field(key: "uom") public var uom: String
    @OptionalField(key: "recalled_at") public var recalledAt: Date?
    @OptionalField(key: "recall_reason") public var recallReason: String?
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// 生产记录: sowing, fertiliser, pesticide (with its safety interval), irrigation …
public final class ProductionRecord: Model, @unchecked Sendable {
    public static let schema = "trace_production_records"
    @ID(key: .id) public var id: UUID?
    @Field(key: "batch_id") public var batchID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "day") public var day: String
    @Field(key: "input_name") public var inputName: String
    @OptionalField(key: "interval_days") public var intervalDays: Int?
    @Field(key: "note") public var note: String
    public init() {}
}

/// 检测: one inspection result of a batch.
public final class Inspection: Model, @unchecked Sendable {
    public static let schema = "trace_inspections"
    @ID(key: .id) public var id: UUID?
    @Field(key: "batch_id") public var batchID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "day") public var day: String
    @Field(key: "item") public var item: String
    @Field(key: "passed") public var passed: Bool
    @Field(key: "note") public var note: String
    @Field(key: "inspector") public var inspector: String
    public init() {}
}

/// A captured EPCIS event: its JSON as received plus the columns the queries filter on.
public final class StoredEvent: Model, @unchecked Sendable {
    public static let schema = "trace_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "event_id") public var eventID: String
    @Field(key: "kind") public var kind: String
    @Field(key: "event_time") public var eventTime: Date
    @OptionalField(key: "biz_step") public var bizStep: String?
    @OptionalField(key: "biz_location") public var bizLocation: String?
    @Field(key: "json") public var json: String
    public init() {}
}

/// Which identifiers an event names (for `MATCH_anyEPC` and the batch timeline).
public final class EventItem: Model, @unchecked Sendable {
    public static let schema = "trace_event_items"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "event_row") public var eventRow: UUID
    @Field(key: "uri") public var uri: String
    @Field(key: "event_time") public var eventTime: Date
    public init() {}
}

/// An edge of the trace graph (input → output, child → parent), read by the recall query.
public final class StoredLink: Model, @unchecked Sendable {
    public static let schema = "trace_links"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "from_uri") public var fromURI: String
    @Field(key: "to_uri") public var toURI: String
    @Field(key: "kind") public var kind: String
    @Field(key: "event_row") public var eventRow: UUID
    public init() {}
}

/// A shipment or receipt of an item to a party or station.
public final class Shipment: Model, @unchecked Sendable {
    public static let schema = "trace_shipments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "uri") public var uri: String
    @Field(key: "event_row") public var eventRow: UUID
    @Field(key: "direction") public var direction: String
    @Field(key: "at") public var at: Date
    @Field(key: "destination") public var destination: String
    /// The service-network station it went to, when it went to one.
    @OptionalField(key: "facility_id") public var facilityID: UUID?
    public init() {}
}

/// Public trace-page views per batch and day (扫码次数).
public final class ScanCount: Model, @unchecked Sendable {
    public static let schema = "trace_scans"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "batch_id") public var batchID: UUID
    @Field(key: "day") public var day: String
    @Field(key: "count") public var count: Int
    public init() {}
}
