/// A cheap alternative to crossover on large instances: ruin a small cluster of customers of a
/// good solution, reinsert them greedily, and improve only around what changed. On X-n1001 a
/// crossover child needs a full local search (about 9.5 ms); this takes a fraction of that, so the
/// genetic loop gets many more improving steps in a short time limit (the localised search of
/// Vidal 2022 §5 and of PyVRP's perturbation phase).
extension LocalSearch {
    /// Loads `parent`, removes `removals` customers around a random seed customer (the seed, then
    /// granular neighbours of those already removed), reinserts each at its cheapest granular
    /// position, runs the localised search and writes the result to `child`.
    mutating func perturbAndImprove(_ parent: Individual, into child: Individual, penalty: Double, removals: Int,
                                    rng: inout RandomSource) {
        self.penalty = penalty
        load(parent)
        markAllTested()
        shuffleOrders(&rng)
        var removed = ruin(count: removals, rng: &rng)
        rng.shuffle(&removed)
        for u in removed { reinsert(u) }
        search(exhaustive: false)
        export(to: child)
    }

    /// Continues from the state left by `perturbAndImprove` with a higher penalty, re-examining
    /// only the overloaded routes: a localised repair of an infeasible outcome.
    mutating func repair(_ indiv: Individual, penalty: Double) {
        self.penalty = penalty
        markAllTested()
        nbMoves += 1
        for r in 0..<m {
            rPen[r] = pen(rLoad[r])
            if rLoad[r] > Q { rWhen[r] = nbMoves }
        }
        search(exhaustive: false)
        export(to: indiv)
    }

    /// Nothing is due for testing until a route changes after this point.
    private mutating func markAllTested() {
        for i in 1..<n { whenTested[i] = nbMoves }
        lastSwapStarPass = nbMoves
    }

    /// Unlinks a cluster of customers; returns them. Their routes are brought up to date.
    private mutating func ruin(count: Int, rng: inout RandomSource) -> [Int] {
        let target = max(1, min(count, n - 1))
        var isRemoved = [Bool](repeating: false, count: n)
        var removed: [Int] = []
        removed.reserveCapacity(target)
        var touched = Set<Int>()
        var frontier = 0
        var next = 1 + rng.int(below: n - 1)
        while removed.count < target {
            if !isRemoved[next] {
                isRemoved[next] = true
                removed.append(next)
                touched.insert(rte[next])
                let p = prv[next], x = nxt[next]
                nxt[p] = x; prv[x] = p
            }
            // next candidate: a random granular neighbour of a removed customer, in turn
            let around = removed[frontier % removed.count]
            frontier += 1
            let a = corrStart[around], b = corrStart[around + 1]
            if b > a {
                next = corr[a + rng.int(below: b - a)]
            } else {
                next = 1 + rng.int(below: n - 1)
            }
            if frontier > 8 * target { next = 1 + rng.int(below: n - 1) }  // isolated cluster
        }
        nbMoves += 1
        for r in touched.sorted() { updateRoute(r) }
        return removed
    }

    /// Inserts an unrouted customer after its cheapest predecessor among its granular neighbours
    /// (before or after each routed one) and an empty route's start depot.
    private mutating func reinsert(_ u: Int) {
        let q = demand[u]
        var best = Double.greatestFiniteMagnitude
        var bestAfter = -1
        @inline(__always) func consider(_ a: Int) {
            let b = nxt[a], r = rte[a]
            let c = Double(d(a, u) + d(u, b) - d(a, b)) + pen(rLoad[r] + q) - rPen[r]
            if c < best { best = c; bestAfter = a }
        }
        let a0 = corrStart[u], b0 = corrStart[u + 1]
        for k in a0..<b0 {
            let v = corr[k]
            if v == u || nxt[prv[v]] != v { continue }  // v is unrouted too
            consider(v)
            consider(prv[v])
        }
        for r in 0..<m where rNb[r] == 0 { consider(startDepot(r)); break }
        if bestAfter < 0 {  // no routed neighbour and no empty route: the cheapest route start
            for r in 0..<m { consider(startDepot(r)) }
        }
        let y = nxt[bestAfter]
        nxt[bestAfter] = u; prv[u] = bestAfter; nxt[u] = y; prv[y] = u
        rte[u] = rte[bestAfter]
        nbMoves += 1
        updateRoute(rte[u])
    }
}

