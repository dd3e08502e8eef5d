/// Validation of a `RoutingProblem` (shared by the JSON reader and the solvers).
public enum RoutingProblemValidator {
    public static func validate(_ p: RoutingProblem) throws(RoutingError) {
        if p.horizon < 1 { throw RoutingError(.invalidField, field: "horizon", "must be ≥ 1") }
        if p.vehicleTypes.isEmpty { throw RoutingError(.missingField, field: "vehicles", "at least one vehicle type is required") }
        if !(p.circuity >= 1 && p.circuity <= 10) { throw RoutingError(.invalidField, field: "circuity", "must be between 1 and 10") }
        if !(p.speedKmh >= 1 && p.speedKmh <= 500) { throw RoutingError(.invalidField, field: "speedKmh", "must be between 1 and 500 km/h") }
        if p.depots.isEmpty { throw RoutingError(.missingField, field: "depot", "at least one depot is required") }
        let n = p.nodeCount
        for (key, m) in [("distanceMatrix", p.distanceMatrix), ("durationMatrix", p.durationMatrix)] {
            guard let m else { continue }
            if m.count != n { throw RoutingError(.invalidField, field: key, "expected \(n) rows (\(p.depots.count) depot(s) + \(p.stops.count) stops), got \(m.count)") }
            for (i, row) in m.enumerated() {
                if row.count != n { throw RoutingError(.invalidField, field: "\(key)[\(i)]", "expected \(n) values, got \(row.count)") }
                for (j, v) in row.enumerated() where v < 0 || v > 100_000_000 {
                    throw RoutingError(.invalidField, field: "\(key)[\(i)][\(j)]", "must be between 0 and 10⁸, got \(v)")
                }
            }
        }
        if p.distanceMatrix == nil {
            for (k, d) in p.depots.enumerated() where d.location == nil {
                throw RoutingError(.missingField, field: k == 0 ? "depot.lat" : "depots[\(k)].lat", "coordinates are required without a distanceMatrix")
            }
            for (i, s) in p.stops.enumerated() where s.location == nil {
                throw RoutingError(.missingField, field: "stops[\(i)].lat", "coordinates are required without a distanceMatrix")
            }
        }
        // Bounds keep all cost and time arithmetic far from Int overflow.
        let big = 1_000_000_000
        if p.objective.distanceWeight > 1000 { throw RoutingError(.invalidField, field: "objective.distanceWeight", "must be ≤ 1000") }
        if p.objective.durationWeight > 1000 { throw RoutingError(.invalidField, field: "objective.durationWeight", "must be ≤ 1000") }
        if p.stops.count > 20_000 { throw RoutingError(.invalidField, field: "stops", "at most 20000 stops are supported") }
        func checkWindow(_ tw: RoutingProblem.TimeWindow?, _ f: String) throws(RoutingError) {
            guard let tw else { return }
            if tw.start < 0 || tw.end > 100_000_000 { throw RoutingError(.invalidField, field: f, "times must be between 0 and 10⁸ seconds") }
            if tw.start > tw.end { throw RoutingError(.invalidField, field: f, "start after end") }
        }
        for (k, d) in p.depots.enumerated() { try checkWindow(d.timeWindow, k == 0 ? "depot.timeWindow" : "depots[\(k)].timeWindow") }
        var ids = Set<String>()
        var defaultPatternsExist: [Int: Bool] = [:]
        for (i, s) in p.stops.enumerated() {
            let f = "stops[\(i)]"
            if s.id.isEmpty { throw RoutingError(.invalidField, field: "\(f).id", "must not be empty") }
            if !ids.insert(s.id).inserted { throw RoutingError(.invalidField, field: "\(f).id", "duplicate id '\(s.id)'") }
            if s.delivery < 0 || s.delivery > big { throw RoutingError(.invalidField, field: "\(f).delivery", "must be between 0 and 10⁹") }
            if s.pickup < 0 || s.pickup > big { throw RoutingError(.invalidField, field: "\(f).pickup", "must be between 0 and 10⁹") }
            if s.serviceTime < 0 || s.serviceTime > 10_000_000 { throw RoutingError(.invalidField, field: "\(f).serviceTime", "must be between 0 and 10⁷ seconds") }
            try checkWindow(s.timeWindow, "\(f).timeWindow")
            if s.releaseTime < 0 || s.releaseTime > 100_000_000 {
                throw RoutingError(.invalidField, field: "\(f).releaseTime", "must be between 0 and 10⁸ seconds")
            }
            if s.frequency < 1 || s.frequency > p.horizon {
                throw RoutingError(.invalidField, field: "\(f).frequency", "must be between 1 and horizon (\(p.horizon)), got \(s.frequency)")
            }
            if let pats = s.patterns {
                if pats.isEmpty { throw RoutingError(.invalidField, field: "\(f).patterns", "must list at least one pattern") }
                for (k, pat) in pats.enumerated() {
                    if pat.count != s.frequency {
                        throw RoutingError(.invalidField, field: "\(f).patterns[\(k)]", "has \(pat.count) days but frequency is \(s.frequency)")
                    }
                    if Set(pat).count != pat.count { throw RoutingError(.invalidField, field: "\(f).patterns[\(k)]", "repeats a day") }
                    for day in pat where day < 1 || day > p.horizon {
                        throw RoutingError(.invalidField, field: "\(f).patterns[\(k)]", "day \(day) outside 1...\(p.horizon)")
                    }
                }
            } else if !(defaultPatternsExist[s.frequency] ?? {
                let ok = !RoutingProblem.defaultPatterns(frequency: s.frequency, horizon: p.horizon).isEmpty
                defaultPatternsExist[s.frequency] = ok
                return ok
            }()) {
                throw RoutingError(.invalidField, field: "\(f).frequency", "no pattern fits frequency \(s.frequency) in \(p.horizon) days")
            }
        }
        for (i, v) in p.vehicleTypes.enumerated() {
            let f = "vehicles[\(i)]"
            if v.capacity <= 0 || v.capacity > big { throw RoutingError(.invalidField, field: "\(f).capacity", "must be between 1 and 10⁹") }
            if let c = v.count, c < 0 || c > 100_000 { throw RoutingError(.invalidField, field: "\(f).count", "must be between 0 and 100000") }
            if v.fixedCost < 0 || v.fixedCost > big { throw RoutingError(.invalidField, field: "\(f).fixedCost", "must be between 0 and 10⁹") }
            if let d = v.maxDuration, d <= 0 || d > big { throw RoutingError(.invalidField, field: "\(f).maxDuration", "must be between 1 and 10⁹") }
            if let d = v.maxDistance, d <= 0 || d > big { throw RoutingError(.invalidField, field: "\(f).maxDistance", "must be between 1 and 10⁹") }
            if v.depot < 0 || v.depot >= p.depots.count { throw RoutingError(.invalidField, field: "\(f).depot", "no depot \(v.depot)") }
            if let c = v.distanceCost, c < 0 || c > 1000 { throw RoutingError(.invalidField, field: "\(f).distanceCost", "must be between 0 and 1000") }
        }
        try checkEveryStopFits(p)
    }

    /// A stop heavier than every vehicle can never be served: refuse the problem at once, naming
    /// the stop, instead of searching for the time limit and reporting it unserved.
    static func checkEveryStopFits(_ p: RoutingProblem) throws(RoutingError) {
        let largest = p.vehicleTypes.filter { ($0.count ?? 1) > 0 }.map(\.capacity).max() ?? 0
        for (i, s) in p.stops.enumerated() where max(s.delivery, s.pickup) > largest {
            throw RoutingError(.infeasibleInput, field: "stops[\(i)]",
                               "stop '\(s.id)' needs \(max(s.delivery, s.pickup)) units but the largest vehicle carries \(largest)")
        }
    }
}
