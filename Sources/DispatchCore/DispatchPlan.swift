import Foundation
import XiangcunKit

/// A day's dispatch plan (调度计划): every vehicle's route with its stops in order and what is
/// unloaded and loaded at each, the cycle's visit days, and what could not be served.
public struct DispatchPlan: Sendable, Equatable {
    public struct Stop: Sendable, Equatable {
        public var placeID: UUID
        /// Seconds after midnight, Beijing time.
        public var arrival: Int
        public var departure: Int
        /// Trip of the vehicle's day (0 first); a new trip starts after reloading at the depot.
        public var trip: Int
        /// Unloaded here (parcels for the station or, at a hub, for its villages).
        public var deliverParcels: Int
        public var deliverGrams: Int
        /// Loaded here (outbound farm products and returns).
        public var collectParcels: Int
        public var collectGrams: Int

        public init(placeID: UUID, arrival: Int, departure: Int, trip: Int, deliverParcels: Int, deliverGrams: Int, collectParcels: Int, collectGrams: Int) {
            self.placeID = placeID; self.arrival = arrival; self.departure = departure; self.trip = trip
            self.deliverParcels = deliverParcels; self.deliverGrams = deliverGrams; self.collectParcels = collectParcels; self.collectGrams = collectGrams
        }
    }

    public struct Route: Sendable, Equatable {
        public var vehicleID: UUID
        /// 1: centre → township hubs; 2: a hub → its villages.
        public var tier: Int
        public var departure: Int
        public var returnTime: Int
        public var metres: Int
        public var cost: Money
        public var stops: [Stop]

        public init(vehicleID: UUID, tier: Int, departure: Int, returnTime: Int, metres: Int, cost: Money, stops: [Stop]) {
            self.vehicleID = vehicleID; self.tier = tier; self.departure = departure; self.returnTime = returnTime
            self.metres = metres; self.cost = cost; self.stops = stops
        }

        /// Parcels to load at the depot before leaving (every trip's deliveries).
        public var loadParcels: Int { stops.reduce(0) { $0 + $1.deliverParcels } }
        public var trips: Int { (stops.map(\.trip).max() ?? -1) + 1 }
    }

    public var day: Day
    public var routes: [Route]
    /// Visit days (positions 1…6 in the cycle) chosen for each village this cycle.
    public var schedule: [UUID: [Int]]
    /// Places that could not be served today (limited fleet, shifts).
    public var unserved: [UUID]

    public init(day: Day, routes: [Route], schedule: [UUID: [Int]], unserved: [UUID]) {
        self.day = day; self.routes = routes; self.schedule = schedule; self.unserved = unserved
    }

    public var metres: Int { routes.reduce(0) { $0 + $1.metres } }
    public var cost: Money { routes.reduce(Money.zero) { $0 + $1.cost } }
    public var vehiclesUsed: Int { Set(routes.map(\.vehicleID)).count }
}

/// One fixed route's daily length and cost as the county runs it now.
public struct FixedRouteCosting: Sendable, Equatable {
    public var name: String
    public var metres: Int
    public var cost: Money
}

/// The plan next to the county's current fixed routes (现行固定线路对比).
public struct PlanComparison: Sendable, Equatable {
    public var planMetres: Int
    public var planCost: Money
    public var fixedMetres: Int
    public var fixedCost: Money

    public init(planMetres: Int, planCost: Money, fixedMetres: Int, fixedCost: Money) {
        self.planMetres = planMetres; self.planCost = planCost; self.fixedMetres = fixedMetres; self.fixedCost = fixedCost
    }

    public var savingMetres: Int { fixedMetres - planMetres }
    public var savingCost: Money { fixedCost - planCost }
    /// Share of the fixed routes' cost saved (nil without fixed routes).
    public var savingRate: Rate? { Rate(savingCost.fen, of: fixedCost.fen) }

    /// Kilometres with one decimal, for pages and the CLI.
    public static func km(_ metres: Int) -> String { String(format: "%.1f", Double(metres) / 1000) }
}

extension FixedRoute {
    /// Daily length (depot → stops → depot) and cost of each route; throws naming a stop that
    /// has no distance, a route whose vehicle is unknown is costed by its entered cost only.
    public static func costings(_ routes: [FixedRoute], vehicles: [DispatchVehicle], places: [UUID: DispatchPlace],
                                distances: DistanceTable) throws(DispatchError) -> [FixedRouteCosting] {
        var out: [FixedRouteCosting] = []
        for route in routes {
            guard let vehicle = vehicles.first(where: { $0.id == route.vehicleID }), let depot = places[vehicle.depotID] else {
                out.append(FixedRouteCosting(name: route.name, metres: 0, cost: route.dailyCost ?? .zero))
                continue
            }
            let path = [depot] + route.stops.compactMap { places[$0] } + [depot]
            var metres = 0
            for (a, b) in zip(path, path.dropFirst()) {
                guard let m = distances.metres(a, b) else { throw DispatchError.noDistance(a.location == nil ? a.name : b.name) }
                metres += m
            }
            out.append(FixedRouteCosting(name: route.name, metres: metres, cost: route.dailyCost ?? vehicle.cost(metres: metres)))
        }
        return out
    }

    /// The plan against the fixed routes' totals.
    public static func compare(_ plan: DispatchPlan, with costings: [FixedRouteCosting]) -> PlanComparison {
        PlanComparison(planMetres: plan.metres, planCost: plan.cost,
                       fixedMetres: costings.reduce(0) { $0 + $1.metres }, fixedCost: costings.reduce(Money.zero) { $0 + $1.cost })
    }
}
