/// Inter-route local search around the stops an iteration reinserted: RELOCATE (before or
/// after a neighbour), SWAP and 2-OPT* between routes of the same day, all evaluated in O(1)
/// from the routes' trip prefixes, first improvement. Recreate places each stop alone at its
/// cheapest position; these moves repair the combinations it cannot see (Vidal et al. 2013
/// use the same neighbourhoods in their education step), at the cost of ~a recreate per
/// iteration.
extension RichEngine {
    /// Neighbours of a stop examined by the local search.
    var localSearchNeighbours: Int { params.localSearchNeighbours }

    mutating func improve(_ state: inout RichState, stops: [Int]) {
        var byDay = [[Int]](repeating: [], count: D)
        for i in stops where state.pattern[i] >= 0 {
            for day in patterns[i][state.pattern[i]] { byDay[day].append(K + i) }
        }
        for day in 0..<D where !byDay[day].isEmpty { improve(&state, day: day, nodes: byDay[day]) }
    }

    mutating func improve(_ state: inout RichState, day: Int, nodes: [Int]) {
        var queue = nodes
        var budget = 4 * nodes.count + 20
        while let u = queue.popLast(), budget > 0 {
            budget -= 1
            for v in neighbours[u].prefix(localSearchNeighbours) {
                let ru = state.routeOf[day * N + u], rv = state.routeOf[day * N + v]
                guard ru >= 0, rv >= 0, ru != rv else { continue }
                if tryRelocate(&state, day: day, u, from: ru, nextTo: v, in: rv) || trySwap(&state, day: day, u, ru, v, rv)
                    || tryTwoOptStar(&state, day: day, u, ru, v, rv) {
                    queue.append(u)
                    queue.append(v)
                    break
                }
            }
        }
    }

    /// Position and neighbours (previous, next; the depot at the ends or at a reload) of node x.
    @inline(__always) func place(_ r: RichRoute, _ x: Int) -> (Int, Int, Int)? {
        guard let p = r.nodes.firstIndex(of: x) else { return nil }
        let dep = depotOf[r.type]
        return (p, p == 0 ? dep : r.nodes[p - 1], p == r.nodes.count - 1 ? dep : r.nodes[p + 1])
    }

    /// The route with `middle` (an open piece between a and b) in place of positions p..<q.
    @inline(__always) func replaced(_ r: RichRoute, from p: Int, to q: Int, open: Segment) -> Segment {
        r.trips == 1 ? open.closingTrip() : join(join(r.fwd[p].closed, open.closingTrip()), r.bwd[q].closed)
    }

    /// Route r with stop x (at p, between a and b) replaced by node y (-1: removed).
    func without(_ r: RichRoute, _ p: Int, _ a: Int, _ b: Int, putting y: Int) -> Segment {
        let open = y < 0 ? link(r.fwd[p].open, r.bwd[p + 1].open, a, b)
            : link(link(r.fwd[p].open, nodeSeg[y], a, y), r.bwd[p + 1].open, y, b)
        return replaced(r, from: p, to: p + 1, open: open)
    }

    mutating func tryRelocate(_ state: inout RichState, day: Int, _ u: Int, from ru: Int, nextTo v: Int, in rv: Int) -> Bool {
        let r1 = state.days[day][ru], r2 = state.days[day][rv]
        guard let (pu, a, b) = place(r1, u), let (pv, pa, pb) = place(r2, v) else { return false }
        let emptied = r1.nodes.count == 1
        let s1 = without(r1, pu, a, b, putting: -1)
        if !emptied && !feasible(s1, r1.type) { return false }
        let gain = r1.cost - (emptied ? 0 : cost(s1, r1.type))
        for (k, x, y) in [(pv + 1, v, pb), (pv, pa, v)] {
            let open = link(link(r2.fwd[k].open, nodeSeg[u], x, u), r2.bwd[k].open, u, y)
            let s2 = replaced(r2, from: k, to: k, open: open)
            if feasible(s2, r2.type) && cost(s2, r2.type) - r2.cost < gain {
                var n1 = r1.nodes, n2 = r2.nodes
                n1.remove(at: pu)
                n2.insert(u, at: k)
                commit(&state, day: day, ru, n1, rv, n2)
                return true
            }
        }
        return false
    }

    mutating func trySwap(_ state: inout RichState, day: Int, _ u: Int, _ ru: Int, _ v: Int, _ rv: Int) -> Bool {
        let r1 = state.days[day][ru], r2 = state.days[day][rv]
        guard let (pu, a1, b1) = place(r1, u), let (pv, a2, b2) = place(r2, v) else { return false }
        let s1 = without(r1, pu, a1, b1, putting: v)
        guard feasible(s1, r1.type) else { return false }
        let s2 = without(r2, pv, a2, b2, putting: u)
        guard feasible(s2, r2.type), cost(s1, r1.type) + cost(s2, r2.type) < r1.cost + r2.cost else { return false }
        var n1 = r1.nodes, n2 = r2.nodes
        n1[pu] = v
        n2[pv] = u
        commit(&state, day: day, ru, n1, rv, n2)
        return true
    }

    /// Route 1 up to u then route 2 after v, and route 2 up to v then route 1 after u.
    mutating func tryTwoOptStar(_ state: inout RichState, day: Int, _ u: Int, _ ru: Int, _ v: Int, _ rv: Int) -> Bool {
        let r1 = state.days[day][ru], r2 = state.days[day][rv]
        guard depotOf[r1.type] == depotOf[r2.type], multiTrip[r1.type] == multiTrip[r2.type],
              let (pu, _, b1) = place(r1, u), let (pv, _, b2) = place(r2, v) else { return false }
        let o1 = link(r1.fwd[pu + 1].open, r2.bwd[pv + 1].open, u, b2)
        let s1 = (r1.trips == 1 && r2.trips == 1) ? o1.closingTrip() : join(join(r1.fwd[pu + 1].closed, o1.closingTrip()), r2.bwd[pv + 1].closed)
        guard feasible(s1, r1.type) else { return false }
        let o2 = link(r2.fwd[pv + 1].open, r1.bwd[pu + 1].open, v, b1)
        let s2 = (r1.trips == 1 && r2.trips == 1) ? o2.closingTrip() : join(join(r2.fwd[pv + 1].closed, o2.closingTrip()), r1.bwd[pu + 1].closed)
        guard feasible(s2, r2.type), cost(s1, r1.type) + cost(s2, r2.type) < r1.cost + r2.cost else { return false }
        let n1 = Array(r1.nodes[...pu]) + Array(r2.nodes[(pv + 1)...])
        let n2 = Array(r2.nodes[...pv]) + Array(r1.nodes[(pu + 1)...])
        commit(&state, day: day, ru, n1, rv, n2)
        return true
    }

    /// Stores two changed routes (dropping one that became empty) and their costs and indices.
    func commit(_ state: inout RichState, day: Int, _ ra: Int, _ na: [Int], _ rb: Int, _ nb: [Int]) {
        for (ri, nodes) in [(ra, na), (rb, nb)] {
            state.routeCost -= state.days[day][ri].cost
            var tidy = nodes
            tidyReloads(&tidy)
            state.days[day][ri].nodes = tidy
            rebuild(&state.days[day][ri])
            state.routeCost += state.days[day][ri].cost
            for w in tidy where w >= K { state.routeOf[day * N + w] = ri }
        }
        if capacity.count > 1 {
            for ri in [ra, rb] where !state.days[day][ri].nodes.isEmpty { retype(&state, day: day, route: ri) }
        }
        for ri in [ra, rb].sorted(by: >) where state.days[day][ri].nodes.isEmpty {
            state.days[day].remove(at: ri)
            for rj in ri..<state.days[day].count {
                for w in state.days[day][rj].nodes where w >= K { state.routeOf[day * N + w] = rj }
            }
        }
    }
}
