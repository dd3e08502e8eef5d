/// A capacity-feasible first solution, built before the genetic search so that a solution
/// exists from the first milliseconds even on the tightest instances (where random giant
/// tours, split and a low initial penalty may stay infeasible for many seconds).
enum Construction {
    /// Customers in sweep order (polar angle around the depot; nearest-neighbour chain without
    /// coordinates), each put in the first of the last few routes with room, else a new route.
    /// Falls back to first-fit decreasing when that uses more routes than `maxRoutes`.
    static func routes(_ data: HGSData, maxRoutes: Int) -> [[Int]]? {
        let order = sweepOrder(data)
        let window = 6
        var routes: [[Int]] = []
        var loads: [Int] = []
        for c in order {
            let q = data.demand[c]
            var placed = false
            for r in stride(from: routes.count - 1, through: max(0, routes.count - window), by: -1) where loads[r] + q <= data.capacity {
                routes[r].append(c)
                loads[r] += q
                placed = true
                break
            }
            if !placed { routes.append([c]); loads.append(q) }
        }
        if routes.count <= maxRoutes { return routes }
        let packed = firstFitDecreasing(data, order: order)
        return packed.count <= maxRoutes ? packed : nil
    }

    static func sweepOrder(_ data: HGSData) -> [Int] {
        let customers = Array(1..<data.n)
        if data.hasCoordinates {
            return customers.sorted { data.polar[$0] != data.polar[$1] ? data.polar[$0] < data.polar[$1] : $0 < $1 }
        }
        var left = Set(customers)
        var order: [Int] = []
        var last = 0
        while let next = left.min(by: { (data.d(last, $0), $0) < (data.d(last, $1), $1) }) {
            order.append(next)
            left.remove(next)
            last = next
        }
        return order
    }

    /// Bin packing by decreasing demand; each route then keeps its customers in sweep order.
    static func firstFitDecreasing(_ data: HGSData, order: [Int]) -> [[Int]] {
        var position = [Int](repeating: 0, count: data.n)
        for (k, c) in order.enumerated() { position[c] = k }
        var routes: [[Int]] = []
        var loads: [Int] = []
        for c in order.sorted(by: { data.demand[$0] > data.demand[$1] }) {
            let q = data.demand[c]
            if let r = loads.firstIndex(where: { $0 + q <= data.capacity }) {
                routes[r].append(c)
                loads[r] += q
            } else {
                routes.append([c])
                loads.append(q)
            }
        }
        return routes.map { $0.sorted { position[$0] < position[$1] } }
    }
}
