import Audit
import FluentKit

/// The dispatch tables. Appended to `Storage.migrations`.
public struct CreateDispatch: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema(DispatchSettings.schema).id()
            .field("county_code", .string, .required).field("road_factor", .double, .required).field("speed_kmh", .double, .required)
            .unique(on: "county_code").create()
        try await db.schema(VehicleRecord.schema).id()
            .field("county_code", .string, .required).field("name", .string, .required)
            .field("capacity_parcels", .int, .required).field("capacity_kg", .int, .required)
            .field("fixed_cost_fen", .int64, .required).field("cost_per_km_fen", .int64, .required)
            .field("shift_start", .int, .required).field("shift_end", .int, .required)
            .field("depot_id", .uuid, .required).field("driver_id", .uuid).field("sample", .bool, .required)
            .unique(on: "county_code", "name").create()
        try await db.schema(FrequencyRecord.schema).id()
            .field("county_code", .string, .required).field("facility_id", .uuid, .required).field("frequency", .string, .required)
            .unique(on: "facility_id").create()
        try await db.createIndex("dispatch_frequencies_county", on: FrequencyRecord.schema, columns: ["county_code"])
        try await db.schema(FixedRouteRecord.schema).id()
            .field("county_code", .string, .required).field("name", .string, .required).field("vehicle_id", .uuid, .required)
            .field("stops", .string, .required).field("daily_cost_fen", .int64).field("sample", .bool, .required)
            .unique(on: "county_code", "name").create()
        try await db.schema(DistanceRecord.schema).id()
            .field("county_code", .string, .required).field("from_id", .uuid, .required).field("to_id", .uuid, .required)
            .field("metres", .int, .required).unique(on: "county_code", "from_id", "to_id").create()
        try await db.schema(CycleDaysRecord.schema).id()
            .field("county_code", .string, .required).field("cycle_start", .string, .required).field("facility_id", .uuid, .required)
            .field("days", .string, .required).unique(on: "county_code", "cycle_start", "facility_id").create()
        try await db.schema(PlanRecord.schema).id()
            .field("county_code", .string, .required).field("day", .string, .required)
            .field("metres", .int, .required).field("cost_fen", .int64, .required)
            .field("fixed_metres", .int, .required).field("fixed_cost_fen", .int64, .required)
            .field("vehicles", .int, .required).field("unserved", .string, .required)
            .field("planned_by", .string, .required).field("planned_at", .datetime)
            .unique(on: "county_code", "day").create()
        try await db.schema(PlanRouteRecord.schema).id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("seq", .int, .required).field("vehicle_id", .uuid, .required)
            .field("tier", .int, .required).field("departure", .int, .required).field("return_time", .int, .required)
            .field("metres", .int, .required).field("cost_fen", .int64, .required).create()
        try await db.createIndex("dispatch_plan_routes_plan", on: PlanRouteRecord.schema, columns: ["plan_id", "seq"])
        try await db.schema(PlanStopRecord.schema).id()
            .field("route_id", .uuid, .required, .references(PlanRouteRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("county_code", .string, .required).field("seq", .int, .required).field("facility_id", .uuid, .required)
            .field("arrival", .int, .required).field("departure", .int, .required).field("trip", .int, .required)
            .field("deliver_parcels", .int, .required).field("deliver_grams", .int, .required)
            .field("collect_parcels", .int, .required).field("collect_grams", .int, .required).create()
        try await db.createIndex("dispatch_plan_stops_route", on: PlanStopRecord.schema, columns: ["route_id", "seq"])
        try await db.createIndex("dispatch_plan_stops_plan", on: PlanStopRecord.schema, columns: ["plan_id"])
        try await db.schema(StopMarkRecord.schema).id()
            .field("county_code", .string, .required).field("day", .string, .required).field("vehicle_id", .uuid, .required)
            .field("facility_id", .uuid, .required).field("kind", .string, .required).field("marked_at", .datetime, .required)
            .field("recorded_at", .datetime).field("user_id", .uuid, .required).create()
        try await db.createIndex("dispatch_marks_vehicle_day", on: StopMarkRecord.schema, columns: ["county_code", "day", "vehicle_id"])
    }

    public func revert(on db: any Database) async throws {
        for schema in [StopMarkRecord.schema, PlanStopRecord.schema, PlanRouteRecord.schema, PlanRecord.schema, CycleDaysRecord.schema,
                       DistanceRecord.schema, FixedRouteRecord.schema, FrequencyRecord.schema, VehicleRecord.schema, DispatchSettings.schema] {
            try await db.schema(schema).delete()
        }
    }
}
