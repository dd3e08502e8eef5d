import Foundation

extension RoutingProblem {
    /// Great-circle distance in kilometres (mean earth radius 6371.0088 km).
    public static func haversineKm(_ a: Location, _ b: Location) -> Double {
        let r = 6371.0088
        let p1 = a.latitude * .pi / 180, p2 = b.latitude * .pi / 180
        let dp = p2 - p1, dl = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(min(1, h.squareRoot()))
    }

    /// Number of matrix nodes: the depots first, then the stops.
    public var nodeCount: Int { depots.count + stops.count }

    /// Cost per metre of a vehicle type (its own, or the objective's distance weight).
    public func distanceCost(of type: VehicleType) -> Int { type.distanceCost ?? objective.distanceWeight }

    /// Integer distance (metres) and duration (seconds) matrices, indices 0..<depots.count = the
    /// depots, depots.count + i = stops[i]. Uses the explicit matrices when given, else
    /// haversine × circuity and `speedKmh`. When only a distance matrix is given, durations are
    /// derived from it with `speedKmh`.
    public func matrices() -> (distance: [Int], duration: [Int]) {
        let n = nodeCount
        var dist = [Int](repeating: 0, count: n * n)
        var dur = [Int](repeating: 0, count: n * n)
        let locs: [Location?] = depots.map(\.location) + stops.map(\.location)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let meters: Int
                if let m = distanceMatrix {
                    meters = m[i][j]
                } else if let a = locs[i], let b = locs[j] {
                    meters = Int((RoutingProblem.haversineKm(a, b) * circuity * 1000).rounded())
                } else {
                    meters = 0
                }
                dist[i * n + j] = meters
                if let t = durationMatrix {
                    dur[i * n + j] = t[i][j]
                } else {
                    dur[i * n + j] = Int((Double(meters) / 1000 / speedKmh * 3600).rounded())
                }
            }
        }
        return (dist, dur)
    }

    /// Allowed visit-day patterns of a stop (days 1...horizon, sorted). Explicit `patterns` win;
    /// otherwise: frequency == horizon → every day; frequency divides horizon → the evenly spaced
    /// patterns (e.g. every 2 days over 6 days → {1,3,5}, {2,4,6}); else every combination of
    /// `frequency` days whose consecutive gaps are at least ⌊horizon / frequency⌋.
    public func allowedPatterns(for stop: Stop) -> [[Int]] {
        if let p = stop.patterns { return p.map { $0.sorted() } }
        return RoutingProblem.defaultPatterns(frequency: stop.frequency, horizon: horizon)
    }

    public static func defaultPatterns(frequency f: Int, horizon d: Int) -> [[Int]] {
        guard f >= 1, d >= 1, f <= d else { return [] }
        if f == d { return [Array(1...d)] }
        if d % f == 0 {
            let period = d / f
            return (1...period).map { s in (0..<f).map { s + $0 * period } }
        }
        // All spreads with gaps ≥ ⌊d/f⌋, unless there are too many (long horizons): then the
        // evenly spread patterns starting on each possible day.
        let minGap = max(1, d / f)
        let cap = 2_000
        var out: [[Int]] = []
        var cur: [Int] = []
        var overflow = false
        func rec(_ next: Int) {
            if overflow { return }
            if cur.count == f {
                out.append(cur)
                if out.count > cap { overflow = true }
                return
            }
            if next > d { return }
            for day in next...d {
                if overflow { return }
                if let last = cur.last, day - last < minGap { continue }
                if d - day < (f - cur.count - 1) * minGap { break }  // not enough room left
                cur.append(day)
                rec(day + 1)
                cur.removeLast()
            }
        }
        rec(1)
        if !overflow { return out }
        let step = Double(d) / Double(f)
        var spread: [[Int]] = []
        for s in 1...d {
            let days = (0..<f).map { s + Int((Double($0) * step).rounded()) }
            if let last = days.last, last <= d, Set(days).count == f { spread.append(days) }
        }
        return spread
    }

    /// Total amount of all deliveries/pickups (for reporting).
    public var totalVisits: Int { stops.reduce(0) { $0 + $1.frequency } }
}
