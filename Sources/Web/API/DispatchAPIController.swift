import Accounts
import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// JSON API of dispatch under /api/v1/dispatch (documented in openapi.json): plans by day or
/// id for readers, the driver's stops and marks for drivers. Another county's plan is 404.
struct DispatchAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .dispatch(.plans), use: planOfDay)
        routes.on(.GET, .dispatch(.plan(Placeholder.id))) { req in PlanDTO(try await req.visiblePlan(try req.dispatchViewer())) }
        routes.on(.GET, .dispatch(.driverStops), use: driverStops)
        routes.on(.POST, .dispatch(.marks)) { req in try await Self.recordMarks(req) }
    }

    struct StopDTO: Content {
        var facility: UUID; var arrival: String; var trip: Int
        var deliverParcels: Int; var deliverKg: Double; var collectParcels: Int; var collectKg: Double
    }
    struct RouteDTO: Content {
        var vehicle: UUID; var tier: Int; var departure: String; var returnTime: String; var km: Double; var costYuan: String; var stops: [StopDTO]
    }
    struct PlanDTO: Content {
        var id: UUID?; var county: String; var day: String; var vehicles: Int; var km: Double; var costYuan: String
        var fixedKm: Double; var fixedCostYuan: String; var savingKm: Double; var savingYuan: String
        var unserved: [UUID]; var routes: [RouteDTO]

        init(_ s: StoredPlan) {
            let c = s.comparison
            id = s.record.id; county = s.record.countyCode; day = s.record.day; vehicles = s.record.vehicles
            km = Double(c.planMetres) / 1000; costYuan = c.planCost.yuanText; fixedKm = Double(c.fixedMetres) / 1000
            fixedCostYuan = c.fixedCost.yuanText; savingKm = Double(c.savingMetres) / 1000; savingYuan = c.savingCost.yuanText
            unserved = s.plan.unserved
            routes = s.plan.routes.map { r in
                RouteDTO(vehicle: r.vehicleID, tier: r.tier, departure: DispatchImports.clock(r.departure), returnTime: DispatchImports.clock(r.returnTime),
                         km: Double(r.metres) / 1000, costYuan: r.cost.yuanText, stops: r.stops.map { st in
                    StopDTO(facility: st.placeID, arrival: DispatchImports.clock(st.arrival), trip: st.trip + 1, deliverParcels: st.deliverParcels,
                            deliverKg: Double(st.deliverGrams) / 1000, collectParcels: st.collectParcels, collectKg: Double(st.collectGrams) / 1000)
                })
            }
        }
    }

    @Sendable func planOfDay(_ req: Request) async throws -> PlanDTO {
        let viewer = try req.dispatchViewer()
        let day = try req.apiDay("day") ?? .today()
        guard let stored = try await DispatchPlanning.load(county: viewer.county, day: day, on: req.db) else { throw Abort(.notFound) }
        return PlanDTO(stored)
    }

    struct DriverStopDTO: Content {
        var id: UUID; var facility: UUID; var name: String; var order: Int; var trip: Int; var arrival: String
        var deliverParcels: Int; var collectParcels: Int; var marks: [String: Date]
    }
    struct DriverDTO: Content { var day: String; var vehicle: String?; var stops: [DriverStopDTO] }

    @Sendable func driverStops(_ req: Request) async throws -> DriverDTO {
        let user = try req.require(.driveRoutes)
        let day = Day.today()
        let today = try await DriverMarks.today(driver: user, county: try req.requireCounty(), day: day, on: req.db)
        return DriverDTO(day: day.iso, vehicle: today.vehicle?.name, stops: today.stops.map { s in
            DriverStopDTO(id: s.id, facility: s.facilityID, name: s.name, order: s.seq, trip: s.trip + 1, arrival: DispatchImports.clock(s.arrival),
                          deliverParcels: s.deliverParcels, collectParcels: s.collectParcels,
                          marks: Dictionary(s.marks.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a }))
        })
    }

    /// Marks as the phone sends them: ids and times as text, checked here one by one so a bad
    /// mark is refused by itself and the others are still stored.
    struct MarkDTO: Content { var id: String; var stop: String; var kind: String; var at: String }
    struct MarksDTO: Content { var marks: [MarkDTO] }
    struct OutcomesDTO: Content { var outcomes: [StopMarkOutcome] }

    static func recordMarks(_ req: Request) async throws -> OutcomesDTO {
        let user = try req.require(.driveRoutes)
        let body = try req.content.decode(MarksDTO.self)
        guard body.marks.count <= 500 else { throw Abort(.payloadTooLarge, reason: "marks: at most 500 a request") }
        var valid: [StopMarkInput] = []
        var refused: [StopMarkOutcome] = []
        for m in body.marks {
            guard let id = UUID(uuidString: m.id) else { throw Abort(.unprocessableEntity, reason: "marks[].id: a UUID") }
            guard let stop = UUID(uuidString: m.stop), let at = parseTime(m.at) else {
                refused.append(StopMarkOutcome(id: id, result: .rejected, reason: "dispatch.mark.bad")); continue
            }
            valid.append(StopMarkInput(id: id, stop: stop, kind: m.kind, at: at))
        }
        let outcomes = try await DriverMarks.record(valid, driver: user, county: try req.requireCounty(), day: .today(), actor: req.actor, on: req.db)
        return OutcomesDTO(outcomes: outcomes + refused)
    }

    /// ISO 8601 with or without fractional seconds (`Date.toISOString()` has them); not in the future.
    static func parseTime(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = f.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return date > Date().addingTimeInterval(600) ? nil : date
    }
}
