/// A solution of the genetic search: giant tour, its routes and its penalised cost.
final class Individual {
    var giantTour: [Int]
    var routes: [[Int]]
    var successors: [Int]
    var predecessors: [Int]
    var distance = 0
    var capacityExcess = 0
    var nbRoutes = 0
    var penalizedCost = 0.0
    var biasedFitness = 0.0
    /// Other individuals of the same sub-population, sorted by increasing broken-pairs distance.
    var proximity: [(distance: Double, other: Individual)] = []

    var isFeasible: Bool { capacityExcess == 0 }

    init(data: HGSData) {
        giantTour = Array(1..<data.n)
        routes = [[Int]](repeating: [], count: data.nbVehicles)
        successors = [Int](repeating: 0, count: data.n)
        predecessors = [Int](repeating: 0, count: data.n)
    }

    init(copying o: Individual) {
        giantTour = o.giantTour
        routes = o.routes
        successors = o.successors
        predecessors = o.predecessors
        distance = o.distance
        capacityExcess = o.capacityExcess
        nbRoutes = o.nbRoutes
        penalizedCost = o.penalizedCost
    }

    /// Recomputes distance, excess, successors from `routes`.
    func evaluate(data: HGSData, penalty: Double) {
        distance = 0
        capacityExcess = 0
        nbRoutes = 0
        for r in routes where !r.isEmpty {
            nbRoutes += 1
            var load = 0
            var prev = 0
            for c in r {
                distance += data.d(prev, c)
                load += data.demand[c]
                predecessors[c] = prev
                if prev != 0 { successors[prev] = c }
                prev = c
            }
            successors[prev] = 0
            distance += data.d(prev, 0)
            capacityExcess += max(0, load - data.capacity)
        }
        penalizedCost = Double(distance) + Double(capacityExcess) * penalty
    }

    /// OX crossover: a random slice of `p1`'s giant tour kept in place, the rest in `p2`'s order.
    /// `used` is scratch space of one flag per node.
    func orderCrossover(_ p1: Individual, _ p2: Individual, used: inout [Bool], rng: inout RandomSource) {
        let nC = giantTour.count
        let start = rng.int(below: nC)
        var end = rng.int(below: nC)
        while nC > 1 && end == start { end = rng.int(below: nC) }
        for i in 0..<used.count { used[i] = false }
        var j = start
        while j % nC != (end + 1) % nC {
            let c = p1.giantTour[j % nC]
            giantTour[j % nC] = c
            used[c] = true
            j += 1
        }
        var filled = (end - start + nC) % nC + 1
        var k = 1
        while filled < nC {
            let c = p2.giantTour[(end + k) % nC]
            if !used[c] {
                giantTour[j % nC] = c
                used[c] = true
                j += 1
                filled += 1
            }
            k += 1
        }
    }

    func brokenPairsDistance(_ o: Individual) -> Double {
        var diff = 0
        let nC = successors.count - 1
        successors.withUnsafeBufferPointer { sa in
            predecessors.withUnsafeBufferPointer { pa in
                o.successors.withUnsafeBufferPointer { sb in
                    o.predecessors.withUnsafeBufferPointer { pb in
                        for j in 1..<(nC + 1) {
                            if sa[j] != sb[j] && sa[j] != pb[j] { diff += 1 }
                            if pa[j] == 0 && pb[j] != 0 && sb[j] != 0 { diff += 1 }
                        }
                    }
                }
            }
        }
        return Double(diff) / Double(max(1, nC))
    }

    func averageDistanceToClosest(_ k: Int) -> Double {
        let m = min(k, proximity.count)
        if m == 0 { return 0 }
        var s = 0.0
        for i in 0..<m { s += proximity[i].distance }
        return s / Double(m)
    }

    func solution() -> CVRPSolution {
        CVRPSolution(routes: routes.filter { !$0.isEmpty }, cost: distance)
    }
}

/// Splits a giant tour into routes (Vidal 2016 linear split with a linear capacity penalty).
struct Splitter {
    private var sumDist: [Int]
    private var sumLoad: [Int]
    private var d0: [Int]
    private var dx0: [Int]
    private var potential: [Double]
    private var pred: [Int]
    private var queue: [Int]

    init(n: Int) {
        sumDist = [Int](repeating: 0, count: n + 1)
        sumLoad = [Int](repeating: 0, count: n + 1)
        d0 = [Int](repeating: 0, count: n + 1)
        dx0 = [Int](repeating: 0, count: n + 1)
        potential = [Double](repeating: 0, count: n + 1)
        pred = [Int](repeating: 0, count: n + 1)
        queue = [Int](repeating: 0, count: n + 1)
    }

    mutating func split(_ indiv: Individual, data: HGSData, penalty: Double) {
        let nC = data.nC
        let Q = data.capacity
        let tour = indiv.giantTour
        sumDist[0] = 0; sumLoad[0] = 0
        for i in 1...nC {
            let c = tour[i - 1]
            sumLoad[i] = sumLoad[i - 1] + data.demand[c]
            sumDist[i] = i == 1 ? 0 : sumDist[i - 1] + data.d(tour[i - 2], c)
            d0[i] = data.d(0, c)
            dx0[i] = data.d(c, 0)
        }
        // Linear split: cost(i, j) = p[i] + g-part + penalty on load of tour[i+1...j].
        let sd = sumDist, sl = sumLoad, a0 = d0, ax = dx0
        @inline(__always) func g(_ i: Int) -> Double { i < nC ? Double(a0[i + 1] - sd[i + 1]) : 0 }
        potential[0] = 0
        var p = potential
        @inline(__always) func propagate(_ i: Int, _ j: Int) -> Double {
            p[i] + Double(a0[i + 1] + sd[j] - sd[i + 1] + ax[j]) + penalty * Double(max(0, sl[j] - sl[i] - Q))
        }
        var head = 0, tail = 0  // queue[head...tail-1]
        queue[tail] = 0; tail += 1
        for j in 1...nC {
            let front = queue[head]
            p[j] = propagate(front, j)
            pred[j] = front
            if j < nC {
                let back = queue[tail - 1]
                // does `back` (earlier) dominate j for every future end?
                let dominated = p[back] + g(back) + penalty * Double(sl[j] - sl[back]) <= p[j] + g(j) + 1e-9
                if !dominated {
                    while tail > head && p[j] + g(j) < p[queue[tail - 1]] + g(queue[tail - 1]) + 1e-9 { tail -= 1 }
                    queue[tail] = j; tail += 1
                }
                while tail - head > 1 && propagate(queue[head], j + 1) > propagate(queue[head + 1], j + 1) - 1e-9 {
                    head += 1
                }
            }
        }
        potential = p
        // Count routes.
        var count = 0
        var end = nC
        while end > 0 { end = pred[end]; count += 1 }
        if count > data.nbVehicles {
            splitLimited(indiv, data: data, penalty: penalty)
            return
        }
        for r in 0..<indiv.routes.count { indiv.routes[r].removeAll(keepingCapacity: true) }
        end = nC
        var r = count - 1
        while end > 0 {
            let begin = pred[end]
            indiv.routes[r].append(contentsOf: tour[begin..<end])
            end = begin
            r -= 1
        }
        indiv.evaluate(data: data, penalty: penalty)
    }

    /// Bellman split with at most `nbVehicles` routes (used only when the linear split needs more).
    /// Routes are cut off at a load of max(2Q, Q + largest demand): cutting greedily once a route
    /// reaches Q shows that routes up to Q + largest demand always suffice for ⌈total/Q⌉ + 1
    /// routes, and heavier ones are never worth their penalty in practice. Without the cut-off
    /// this took O(m·n²) — 0.3 s per split on X-n733-k159 (m ≈ 210), more than the local search.
    /// Falls back to no cut-off when a short fleet leaves no split within it.
    private mutating func splitLimited(_ indiv: Individual, data: HGSData, penalty: Double) {
        let cutOff = max(2 * data.capacity, data.capacity + data.maxDemand)
        if !splitLimited(indiv, data: data, penalty: penalty, maxLoad: cutOff) {
            _ = splitLimited(indiv, data: data, penalty: penalty, maxLoad: Int.max)
        }
    }

    private mutating func splitLimited(_ indiv: Individual, data: HGSData, penalty: Double, maxLoad: Int) -> Bool {
        let nC = data.nC, Q = data.capacity, m = data.nbVehicles
        let tour = indiv.giantTour
        let inf = Double.greatestFiniteMagnitude
        let w = nC + 1
        // pot[k * w + j]: best cost of the first j customers in k routes; prd: where route k starts
        var pot = [Double](repeating: inf, count: (m + 1) * w)
        var prd = [Int](repeating: 0, count: (m + 1) * w)
        pot[0] = 0
        pot.withUnsafeMutableBufferPointer { pot in
            prd.withUnsafeMutableBufferPointer { prd in
                for k in 0..<m {
                    for i in k..<nC where pot[k * w + i] < inf {
                        let base = pot[k * w + i]
                        var load = 0, dist = 0
                        for j in (i + 1)...nC {
                            let c = tour[j - 1]
                            load += data.demand[c]
                            if load > maxLoad { break }
                            dist += j == i + 1 ? data.d(0, c) : data.d(tour[j - 2], c)
                            let cost = base + Double(dist + data.d(c, 0)) + penalty * Double(max(0, load - Q))
                            if cost < pot[(k + 1) * w + j] { pot[(k + 1) * w + j] = cost; prd[(k + 1) * w + j] = i }
                        }
                    }
                }
            }
        }
        var bestK = 0
        for k in 1...m where pot[k * w + nC] < inf && (bestK == 0 || pot[k * w + nC] < pot[bestK * w + nC]) { bestK = k }
        if bestK == 0 { return false }
        for r in 0..<indiv.routes.count { indiv.routes[r].removeAll(keepingCapacity: true) }
        var end = nC
        var k = bestK
        while k > 0 {
            let begin = prd[k * w + end]
            indiv.routes[k - 1].append(contentsOf: tour[begin..<end])
            end = begin
            k -= 1
        }
        indiv.evaluate(data: data, penalty: penalty)
        return true
    }
}
