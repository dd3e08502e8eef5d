import FluentKit
import Foundation

/// A county's dispatch settings (调度参数): the road factor for distances from coordinates and
/// the average speed for travel times.
public final class DispatchSettings: Model, @unchecked Sendable {
    public static let schema = "dispatch_settings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "road_factor") public var roadFactor: Double
    @Field(key: "speed_kmh") public var speedKmh: Double
    public init() {}
}

/// A vehicle of the county's fleet (车辆), based at the centre or a township hub; a driver
/// account may be linked to it (the driver's phone page shows its stops).
public final class VehicleRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_vehicles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "capacity_parcels") public var capacityParcels: Int
    @Field(key: "capacity_kg") public var capacityKg: Int
    @Field(key: "fixed_cost_fen") public var fixedCostFen: Int64
    @Field(key: "cost_per_km_fen") public var costPerKmFen: Int64
    /// Minutes after midnight, Beijing time.
    @Field(key: "shift_start") public var shiftStart: Int
    @Field(key: "shift_end") public var shiftEnd: Int
    /// The facility (co-delivery centre or township hub) it starts and ends at.
    @Field(key: "depot_id") public var depotID: UUID
    @OptionalField(key: "driver_id") public var driverID: UUID?
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// A village station's service frequency when it is not the default (every 2 days).
public final class FrequencyRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_frequencies"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "frequency") public var frequency: String
    public init() {}
}

/// One of the county's current fixed routes (现行固定线路).
public final class FixedRouteRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_fixed_routes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "vehicle_id") public var vehicleID: UUID
    /// Facility ids in driving order, comma-separated.
    @Field(key: "stops") public var stops: String
    @OptionalField(key: "daily_cost_fen") public var dailyCostFen: Int64?
    @Field(key: "sample") public var sample: Bool
    public init() {}
    public var stopIDs: [UUID] { stops.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

/// An imported road distance between two facilities (metres, directed).
public final class DistanceRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_distances"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "from_id") public var fromID: UUID
    @Field(key: "to_id") public var toID: UUID
    @Field(key: "metres") public var metres: Int
    public init() {}
}

/// The visit days a village got for one dispatch cycle, kept so re-planning a day of the cycle
/// keeps every village's frequency.
public final class CycleDaysRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_cycle_days"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "cycle_start") public var cycleStart: String
    @Field(key: "facility_id") public var facilityID: UUID
    /// Positions 1…6, comma-separated.
    @Field(key: "days") public var days: String
    public init() {}
}

/// A county's plan for one day (调度计划); re-planning replaces it.
public final class PlanRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_plans"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "day") public var day: String
    @Field(key: "metres") public var metres: Int
    @Field(key: "cost_fen") public var costFen: Int64
    @Field(key: "fixed_metres") public var fixedMetres: Int
    @Field(key: "fixed_cost_fen") public var fixedCostFen: Int64
    @Field(key: "vehicles") public var vehicles: Int
    /// Facility ids that could not be served, comma-separated.
    @Field(key: "unserved") public var unserved: String
    @Field(key: "planned_by") public var plannedBy: String
    @Timestamp(key: "planned_at", on: .create) public var plannedAt: Date?
    public init() {}
}

/// One vehicle's route in a plan.
public final class PlanRouteRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_plan_routes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "seq") public var seq: Int
    @Field(key: "vehicle_id") public var vehicleID: UUID
    @Field(key: "tier") public var tier: Int
    @Field(key: "departure") public var departure: Int
    @Field(key: "return_time") public var returnTime: Int
    @Field(key: "metres") public var metres: Int
    @Field(key: "cost_fen") public var costFen: Int64
    public init() {}
}

/// One stop of a route: what to unload and load there (the manifest line).
public final class PlanStopRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_plan_stops"
    @ID(key: .id) public var id: UUID?
    @Field(key: "route_id") public var routeID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "seq") public var seq: Int
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "arrival") public var arrival: Int
    @Field(key: "departure") public var departure: Int
    @Field(key: "trip") public var trip: Int
    @Field(key: "deliver_parcels") public var deliverParcels: Int
    @Field(key: "deliver_grams") public var deliverGrams: Int
    @Field(key: "collect_parcels") public var collectParcels: Int
    @Field(key: "collect_grams") public var collectGrams: Int
    public init() {}
}

/// A driver's mark at a stop (到达 / 已送达 / 已揽收). The id is generated by the phone, so a
/// mark resent after a dropped connection is recognised and not stored twice. Marks name the
/// day, vehicle and facility (not a plan row), so they survive re-planning.
public final class StopMarkRecord: Model, @unchecked Sendable {
    public static let schema = "dispatch_marks"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "day") public var day: String
    @Field(key: "vehicle_id") public var vehicleID: UUID
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "kind") public var kind: String
    /// When the driver tapped (the phone's clock), and when the server stored it.
    @Field(key: "marked_at") public var markedAt: Date
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    @Field(key: "user_id") public var userID: UUID
    public init() {}
}

/// The marks a driver can make.
public enum StopMarkKind: String, Sendable, CaseIterable, Codable {
    case arrived, delivered, collected
    public var messageKey: String { "dispatch.mark.\(rawValue)" }
}
