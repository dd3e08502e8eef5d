/// The domain routing problem: one or more depots, stops with deliveries and pick-ups, service
/// times, opening hours, release times, visit frequencies over a planning horizon, and a (possibly
/// heterogeneous, limited, multi-trip) fleet. Units: distances in metres, times in seconds,
/// amounts in integer units.
public struct RoutingProblem: Sendable, Equatable {
    public struct Location: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double
        public init(latitude: Double, longitude: Double) { self.latitude = latitude; self.longitude = longitude }
    }

    public struct TimeWindow: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    }

    public struct Depot: Sendable, Equatable {
        public var id: String
        public var location: Location?
        /// Vehicles leave at or after `start` and are back by `end`.
        public var timeWindow: TimeWindow?
        public init(id: String = "depot", location: Location? = nil, timeWindow: TimeWindow? = nil) {
            self.id = id; self.location = location; self.timeWindow = timeWindow
        }
    }

    public struct Stop: Sendable, Equatable {
        public var id: String
        public var location: Location?
        /// Amount delivered from the depot to this stop (per visit).
        public var delivery: Int
        /// Amount collected at this stop and brought back to the depot (per visit).
        public var pickup: Int
        public var serviceTime: Int
        public var timeWindow: TimeWindow?
        /// Number of visits over the horizon (1 by default).
        public var frequency: Int
        /// Allowed visit-day patterns (days 1...horizon). nil = generated from `frequency`.
        public var patterns: [[Int]]?
        /// The stop's parcels reach the depot at this time: the trip serving it cannot leave the
        /// depot earlier (0 = available from the start).
        public var releaseTime: Int

        public init(id: String, location: Location? = nil, delivery: Int = 0, pickup: Int = 0,
                    serviceTime: Int = 0, timeWindow: TimeWindow? = nil, frequency: Int = 1, patterns: [[Int]]? = nil,
                    releaseTime: Int = 0) {
            self.id = id; self.location = location; self.delivery = delivery; self.pickup = pickup
            self.serviceTime = serviceTime; self.timeWindow = timeWindow; self.frequency = frequency; self.patterns = patterns
            self.releaseTime = releaseTime
        }
    }

    public struct VehicleType: Sendable, Equatable {
        public var id: String
        public var capacity: Int
        /// Vehicles of this type available per day (nil = unlimited).
        public var count: Int?
        /// Cost added for each route (per day) that uses a vehicle of this type.
        public var fixedCost: Int
        /// Maximum route duration in seconds (driver shift), including service and waiting.
        public var maxDuration: Int?
        /// Maximum route length in metres.
        public var maxDistance: Int?
        /// Index into `RoutingProblem.depots`: the vehicle starts and ends its route there.
        public var depot: Int
        /// Cost per metre for this type (nil = `Objective.distanceWeight`); a heterogeneous fleet
        /// has cheaper small vans and dearer trucks per kilometre.
        public var distanceCost: Int?
        /// The vehicle may come back to its depot during the route, reload and leave on another
        /// trip (capacity then applies per trip; the shift and length limits to the whole route).
        public var multiTrip: Bool

        public init(id: String, capacity: Int, count: Int? = nil, fixedCost: Int = 0, maxDuration: Int? = nil, maxDistance: Int? = nil,
                    depot: Int = 0, distanceCost: Int? = nil, multiTrip: Bool = false) {
            self.id = id; self.capacity = capacity; self.count = count; self.fixedCost = fixedCost
            self.maxDuration = maxDuration; self.maxDistance = maxDistance
            self.depot = depot; self.distanceCost = distanceCost; self.multiTrip = multiTrip
        }
    }

    /// Route cost = fixedCost + distanceWeight × metres + durationWeight × seconds.
    public struct Objective: Sendable, Equatable {
        public var distanceWeight: Int
        public var durationWeight: Int
        public init(distanceWeight: Int = 1, durationWeight: Int = 0) {
            self.distanceWeight = distanceWeight; self.durationWeight = durationWeight
        }
    }

    public var name: String
    /// Depots; node 0…depots.count-1 in the matrices. Vehicle types name theirs.
    public var depots: [Depot]
    /// The first depot (the only one in single-depot problems).
    public var depot: Depot {
        get { depots[0] }
        set { depots[0] = newValue }
    }
    public var stops: [Stop]
    public var vehicleTypes: [VehicleType]
    /// Number of days planned.
    public var horizon: Int
    public var objective: Objective
    /// Road-circuity factor applied to haversine distances (when no matrix is given).
    public var circuity: Double
    /// Average speed for durations derived from distances, in km/h.
    public var speedKmh: Double
    /// Optional explicit matrices: indices 0..<depots.count are the depots, depots.count + i is
    /// stops[i]. Metres / seconds.
    public var distanceMatrix: [[Int]]?
    public var durationMatrix: [[Int]]?

    public init(name: String = "problem", depot: Depot, stops: [Stop], vehicleTypes: [VehicleType], horizon: Int = 1,
                objective: Objective = Objective(), circuity: Double = 1.3, speedKmh: Double = 40,
                distanceMatrix: [[Int]]? = nil, durationMatrix: [[Int]]? = nil, otherDepots: [Depot] = []) {
        self.name = name; self.depots = [depot] + otherDepots; self.stops = stops; self.vehicleTypes = vehicleTypes
        self.horizon = horizon; self.objective = objective; self.circuity = circuity; self.speedKmh = speedKmh
        self.distanceMatrix = distanceMatrix; self.durationMatrix = durationMatrix
    }
}

/// A solution of a `RoutingProblem`: routes for every day.
public struct RoutePlan: Sendable, Equatable {
    public struct Visit: Sendable, Equatable {
        /// Index into `RoutingProblem.stops`.
        public var stop: Int
        public var arrival: Int
        public var serviceStart: Int
        public var departure: Int
        /// Load on board when leaving the stop.
        public var loadAfter: Int
        /// Trip of the route (0 first); a new trip starts after a reload at the depot.
        public var trip: Int

        public init(stop: Int, arrival: Int, serviceStart: Int, departure: Int, loadAfter: Int, trip: Int = 0) {
            self.stop = stop; self.arrival = arrival; self.serviceStart = serviceStart; self.departure = departure
            self.loadAfter = loadAfter; self.trip = trip
        }
    }

    public struct Route: Sendable, Equatable {
        /// Day 1...horizon.
        public var day: Int
        /// Index into `RoutingProblem.vehicleTypes`.
        public var vehicleType: Int
        public var departure: Int
        public var returnTime: Int
        public var startLoad: Int
        public var visits: [Visit]
        public var distance: Int
        public var duration: Int
        public var cost: Int
    }

    public var routes: [Route]
    /// Chosen pattern (visit days) per stop; empty when the stop is unserved.
    public var stopDays: [[Int]]
    /// Stops that could not be served (limited fleet or impossible constraints).
    public var unserved: [Int]
    public var cost: Int
    public var distance: Int
    public var duration: Int
}
