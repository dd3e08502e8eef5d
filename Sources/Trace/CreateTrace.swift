import Audit
import FluentKit

/// The traceability tables (农产品与追溯). Appended to `Storage.migrations`.
public struct CreateTrace: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema(Producer.schema).id()
            .field("county_code", .string, .required).field("kind", .string, .required).field("name", .string, .required)
            .field("credit_code", .string).field("id_number", .string).field("contact_name", .string, .required)
            .field("contact_phone", .string).field("division_code", .string, .required).field("subject_code", .string)
            .field("sample", .bool, .required).field("created_at", .datetime)
            .unique(on: "county_code", "name").create()
        try await db.schema(ProducerUser.schema).id()
            .field("producer_id", .uuid, .required, .references(Producer.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required).field("county_code", .string, .required)
            .unique(on: "producer_id", "user_id").create()
        try await db.createIndex("trace_producer_users_user", on: ProducerUser.schema, columns: ["user_id"])
        try await db.schema(Certification.schema).id()
            .field("producer_id", .uuid, .required, .references(Producer.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("kind", .string, .required).field("number", .string, .required)
            .field("valid_from", .string, .required).field("valid_to", .string, .required)
            .field("evidence_sha256", .string).field("evidence_name", .string).create()
        try await db.createIndex("trace_certifications_county", on: Certification.schema, columns: ["county_code", "valid_to"])
        try await db.schema(Product.schema).id()
            .field("county_code", .string, .required).field("code", .string, .required).field("name", .string, .required)
            .field("category", .string, .required).field("specification", .string, .required).field("unit", .string, .required)
            .field("season", .string, .required).field("annual_output", .int, .required).field("grade", .string, .required)
            .field("gtin", .string).field("bestseller", .bool, .required).field("sample", .bool, .required)
            .unique(on: "code").unique(on: "county_code", "name").create()
        try await db.createIndex("trace_products_gtin", on: Product.schema, columns: ["gtin"])
        try await db.schema(ProductStandard.schema).id()
            .field("product_id", .uuid, .required, .references(Product.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("kind", .string, .required).field("version", .int, .required)
            .field("title", .string, .required).field("body", .string, .required).field("effective_on", .string, .required)
            .unique(on: "product_id", "kind", "version").create()
        try await db.schema(Brand.schema).id()
            .field("county_code", .string, .required).field("name", .string, .required)
            .unique(on: "county_code", "name").create()
        try await db.schema(BrandGrant.schema).id()
            .field("county_code", .string, .required)
            .field("brand_id", .uuid, .required, .references(Brand.schema, "id", onDelete: .cascade))
            .field("producer_id", .uuid, .required, .references(Producer.schema, "id", onDelete: .cascade))
            .field("product_id", .uuid, .references(Product.schema, "id", onDelete: .cascade))
            .field("valid_from", .string, .required).field("valid_to", .string, .required)
            .field("revoked_on", .string).field("revoke_reason", .string).create()
        try await db.createIndex("trace_brand_grants_brand", on: BrandGrant.schema, columns: ["brand_id", "producer_id"])
        try await prepareBatches(on: db)
        try await prepareEvents(on: db)
    }

    func prepareBatches(on db: any Database) async throws {
        try await db.schema(Batch.schema).id()
            .field("county_code", .string, .required)
            .field("product_id", .uuid, .required, .references(Product.schema, "id"))
            .field("producer_id", .uuid, .required, .references(Producer.schema, "id"))
            .field("lot", .string, .required).field("uri", .string, .required)
            .field("brand_id", .uuid, .references(Brand.schema, "id"))
            .field("origin", .string, .required).field("harvested_on", .string)
            .field("quantity", .double, .required).field("uom", .string, .required)
            .field("recalled_at", .datetime).field("recall_reason", .string)
            .field("sample", .bool, .required).field("created_at", .datetime)
            .unique(on: "product_id", "lot").create()
        try await db.createIndex("trace_batches_uri", on: Batch.schema, columns: ["uri"])
        try await db.createIndex("trace_batches_county", on: Batch.schema, columns: ["county_code", "producer_id"])
        try await db.schema(ProductionRecord.schema).id()
            .field("batch_id", .uuid, .required, .references(Batch.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("kind", .string, .required).field("day", .string, .required)
            .field("input_name", .string, .required).field("interval_days", .int).field("note", .string, .required).create()
        try await db.createIndex("trace_production_records_batch", on: ProductionRecord.schema, columns: ["batch_id"])
        try await db.schema(Inspection.schema).id()
            .field("batch_id", .uuid, .required, .references(Batch.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("day", .string, .required).field("item", .string, .required)
            .field("passed", .bool, .required).field("note", .string, .required).field("inspector", .string, .required).create()
        try await db.createIndex("trace_inspections_batch", on: Inspection.schema, columns: ["batch_id"])
        try await db.schema(ScanCount.schema).id()
            .field("county_code", .string, .required)
            .field("batch_id", .uuid, .required, .references(Batch.schema, "id", onDelete: .cascade))
            .field("day", .string, .required).field("count", .int, .required)
            .unique(on: "batch_id", "day").create()
        try await db.createIndex("trace_scans_county_day", on: ScanCount.schema, columns: ["county_code", "day"])
    }

    func prepareEvents(on db: any Database) async throws {
        try await db.schema(StoredEvent.schema).id()
            .field("county_code", .string, .required).field("event_id", .string, .required).field("kind", .string, .required)
            .field("event_time", .datetime, .required).field("biz_step", .string).field("biz_location", .string)
            .field("json", .string, .required)
            .unique(on: "county_code", "event_id").create()
        try await db.createIndex("trace_events_time", on: StoredEvent.schema, columns: ["county_code", "event_time"])
        try await db.schema(EventItem.schema).id()
            .field("county_code", .string, .required)
            .field("event_row", .uuid, .required, .references(StoredEvent.schema, "id", onDelete: .cascade))
            .field("uri", .string, .required).field("event_time", .datetime, .required).create()
        try await db.createIndex("trace_event_items_uri", on: EventItem.schema, columns: ["county_code", "uri", "event_time"])
        try await db.schema(StoredLink.schema).id()
            .field("county_code", .string, .required).field("from_uri", .string, .required).field("to_uri", .string, .required)
            .field("kind", .string, .required)
            .field("event_row", .uuid, .required, .references(StoredEvent.schema, "id", onDelete: .cascade)).create()
        try await db.createIndex("trace_links_from", on: StoredLink.schema, columns: ["county_code", "from_uri"])
        try await db.schema(Shipment.schema).id()
            .field("county_code", .string, .required).field("uri", .string, .required)
            .field("event_row", .uuid, .required, .references(StoredEvent.schema, "id", onDelete: .cascade))
            .field("direction", .string, .required).field("at", .datetime, .required)
            .field("destination", .string, .required).field("facility_id", .uuid).create()
        try await db.createIndex("trace_shipments_uri", on: Shipment.schema, columns: ["county_code", "uri"])
    }

    public func revert(on db: any Database) async throws {
        for s in [Shipment.schema, StoredLink.schema, EventItem.schema, StoredEvent.schema, ScanCount.schema, Inspection.schema,
                  ProductionRecord.schema, Batch.schema, BrandGrant.schema, Brand.schema, ProductStandard.schema, Product.schema,
                  Certification.schema, ProducerUser.schema, Producer.schema] {
            try await db.schema(s).delete()
        }
    }
}
