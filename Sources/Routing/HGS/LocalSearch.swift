import Foundation

/// Granular local search of the HGS (RELOCATE, SWAP, 2-OPT, 2-OPT* and SWAP*), on flat
/// index-linked arrays. Node ids: customers 1..<n (id = location), start depot of route r is
/// n + r, end depot of route r is n + m + r. A value type with raw buffers: no ARC or exclusivity
/// checks in the hot loops. Call `deallocate()` when done.
struct LocalSearch {
    let data: HGSData
    let n: Int
    let m: Int
    let Q: Int
    let dist: UnsafeMutablePointer<Int32>
    let demand: UnsafeMutablePointer<Int>
    let polar: UnsafeMutablePointer<Int>
    let corrStart: UnsafeMutablePointer<Int>
    let corr: UnsafeMutablePointer<Int>
    let useSwapStar: Bool

    // node arrays (size n + 2m)
    let nxt: UnsafeMutablePointer<Int>
    let prv: UnsafeMutablePointer<Int>
    let rte: UnsafeMutablePointer<Int>
    let pos: UnsafeMutablePointer<Int>
    let cumLoad: UnsafeMutablePointer<Int>
    let cumRev: UnsafeMutablePointer<Int>
    let whenTested: UnsafeMutablePointer<Int>
    // route arrays (size m)
    let rLoad: UnsafeMutablePointer<Int>
    let rDist: UnsafeMutablePointer<Int>
    let rNb: UnsafeMutablePointer<Int>
    let rPen: UnsafeMutablePointer<Double>
    let rWhen: UnsafeMutablePointer<Int>
    let secStart: UnsafeMutablePointer<Int>
    let secEnd: UnsafeMutablePointer<Int>
    // SWAP* scratch (per customer)
    let deltaRem: UnsafeMutablePointer<Double>
    // SWAP* insertion cache: for (route r, customer u) at index r * n + u, the three cheapest
    // insertion positions of u into r, valid while the route is unchanged since `cacheStamp`.
    let cacheCost: UnsafeMutablePointer<Double>  // 3 per entry
    let cachePos: UnsafeMutablePointer<Int>      // 3 per entry
    let cacheStamp: UnsafeMutablePointer<Int>
    let bufA: UnsafeMutablePointer<Int>
    let bufB: UnsafeMutablePointer<Int>
    // SWAP* scratch: route V's nodes and data in contiguous arrays
    let svNode: UnsafeMutablePointer<Int>
    let svQ: UnsafeMutablePointer<Int>
    let svPrev: UnsafeMutablePointer<Int>
    let svNext: UnsafeMutablePointer<Int>
    let svPY: UnsafeMutablePointer<Int>
    let svRem: UnsafeMutablePointer<Double>
    let svC: UnsafeMutablePointer<Double>
    let svP: UnsafeMutablePointer<Int>

    var orderNodes: [Int]
    var orderRoutes: [Int]
    var nbMoves = 0
    var penalty = 1.0
    var lastSwapStarPass = -1

    init(data: HGSData, useSwapStar: Bool) {
        self.data = data
        n = data.n
        m = data.nbVehicles
        Q = data.capacity
        dist = data.dist
        demand = data.demand
        polar = data.polar
        corrStart = data.corrStart
        corr = data.corr
        self.useSwapStar = useSwapStar && data.hasCoordinates
        let N = n + 2 * m
        func alloc() -> UnsafeMutablePointer<Int> {
            let p = UnsafeMutablePointer<Int>.allocate(capacity: N)
            p.initialize(repeating: 0, count: N)
            return p
        }
        nxt = alloc(); prv = alloc(); rte = alloc(); pos = alloc()
        cumLoad = alloc(); cumRev = alloc(); whenTested = alloc()
        rLoad = alloc(); rDist = alloc(); rNb = alloc(); rWhen = alloc(); secStart = alloc(); secEnd = alloc()
        rPen = .allocate(capacity: m); rPen.initialize(repeating: 0, count: m)
        deltaRem = .allocate(capacity: n); deltaRem.initialize(repeating: 0, count: n)
        cacheCost = .allocate(capacity: 3 * n * m); cacheCost.initialize(repeating: 0, count: 3 * n * m)
        cachePos = .allocate(capacity: 3 * n * m); cachePos.initialize(repeating: -1, count: 3 * n * m)
        cacheStamp = .allocate(capacity: n * m); cacheStamp.initialize(repeating: -1, count: n * m)
        bufA = alloc(); bufB = alloc()
        svNode = alloc(); svQ = alloc(); svPrev = alloc(); svNext = alloc(); svPY = alloc()
        svRem = .allocate(capacity: N); svRem.initialize(repeating: 0, count: N)
        svC = .allocate(capacity: 3 * N); svC.initialize(repeating: 0, count: 3 * N)
        svP = .allocate(capacity: 3 * N); svP.initialize(repeating: -1, count: 3 * N)
        orderNodes = Array(1..<n)
        orderRoutes = Array(0..<m)
    }

    func deallocate() {
        for p in [nxt, prv, rte, pos, cumLoad, cumRev, whenTested, rLoad, rDist, rNb, rWhen, secStart, secEnd, bufA, bufB,
                  svNode, svQ, svPrev, svNext, svPY, svP] {
            p.deallocate()
        }
        rPen.deallocate(); deltaRem.deallocate(); cacheCost.deallocate(); cachePos.deallocate(); cacheStamp.deallocate()
        svRem.deallocate(); svC.deallocate()
    }

    /// Location of a node id: customers are their own location, depot copies are location 0.
    @inline(__always) func L(_ a: Int) -> Int { a < n ? a : 0 }
    @inline(__always) func d(_ a: Int, _ b: Int) -> Int { Int(dist[L(a) &* n &+ L(b)]) }
    @inline(__always) func pen(_ load: Int) -> Double { load > Q ? Double(load - Q) * penalty : 0 }
    @inline(__always) func isDepot(_ v: Int) -> Bool { v >= n }
    @inline(__always) func startDepot(_ r: Int) -> Int { n + r }
    @inline(__always) func endDepot(_ r: Int) -> Int { n + m + r }

    // MARK: loading / exporting

    mutating func load(_ indiv: Individual) {
        // nbMoves is monotonic across runs so SWAP* cache stamps of earlier runs are stale.
        nbMoves += 1
        lastSwapStarPass = nbMoves - 1
        for r in 0..<m {
            let s = startDepot(r), e = endDepot(r)
            var prev = s
            if r < indiv.routes.count {
                for c in indiv.routes[r] { nxt[prev] = c; prv[c] = prev; prev = c }
            }
            nxt[prev] = e; prv[e] = prev
            prv[s] = e; nxt[e] = s
            updateRoute(r)
        }
        for i in 1..<n { whenTested[i] = -1 }
    }

    mutating func export(to indiv: Individual) {
        var order: [(Double, Int)] = []
        for r in 0..<m {
            if rNb[r] == 0 { order.append((1e30, r)); continue }
            if data.hasCoordinates {
                var sx = 0.0, sy = 0.0
                var v = nxt[startDepot(r)]
                while !isDepot(v) { sx += data.xs[v]; sy += data.ys[v]; v = nxt[v] }
                let k = Double(rNb[r])
                order.append((atan2(sy / k - data.ys[0], sx / k - data.xs[0]), r))
            } else {
                order.append((Double(r), r))
            }
        }
        order.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var t = 0
        for (k, item) in order.enumerated() {
            indiv.routes[k].removeAll(keepingCapacity: true)
            var v = nxt[startDepot(item.1)]
            while !isDepot(v) {
                indiv.routes[k].append(v)
                indiv.giantTour[t] = v
                t += 1
                v = nxt[v]
            }
        }
        indiv.evaluate(data: data, penalty: penalty)
    }

    mutating func updateRoute(_ r: Int) {
        let s = startDepot(r), e = endDepot(r)
        var node = s
        var place = 0, load = 0, distance = 0, rev = 0
        pos[s] = 0; cumLoad[s] = 0; cumRev[s] = 0; rte[s] = r
        var sStart = 0, sEnd = 0
        var first = true
        repeat {
            let nx = nxt[node]
            place += 1
            let dn = d(node, nx)
            distance += dn
            rev += d(nx, node) - dn
            load += demand[L(nx)]
            pos[nx] = place; cumLoad[nx] = load; cumRev[nx] = rev; rte[nx] = r
            if !isDepot(nx) {
                let p = polar[nx]
                if first { sStart = p; sEnd = p; first = false } else if !Self.enclosed(p, sStart, sEnd) {
                    if Self.pmod(p - sEnd) <= Self.pmod(sStart - p) { sEnd = p } else { sStart = p }
                }
            }
            node = nx
        } while node != e
        rLoad[r] = load
        rDist[r] = distance
        rNb[r] = place - 1
        rPen[r] = pen(load)
        rWhen[r] = nbMoves
        secStart[r] = sStart
        secEnd[r] = sEnd
    }

    @inline(__always) static func pmod(_ i: Int) -> Int { ((i % 65536) + 65536) % 65536 }
    @inline(__always) static func enclosed(_ p: Int, _ s: Int, _ e: Int) -> Bool { pmod(p - s) <= pmod(e - s) }
    @inline(__always) func overlap(_ a: Int, _ b: Int) -> Bool {
        Self.pmod(secStart[b] - secStart[a]) <= Self.pmod(secEnd[a] - secStart[a])
            || Self.pmod(secStart[a] - secStart[b]) <= Self.pmod(secEnd[b] - secStart[b])
    }

    // MARK: elementary relinking

    @inline(__always) func insertAfter(_ u: Int, _ v: Int) {
        let pu = prv[u], xu = nxt[u]
        nxt[pu] = xu; prv[xu] = pu
        let y = nxt[v]
        nxt[v] = u; prv[u] = v; nxt[u] = y; prv[y] = u
        rte[u] = rte[v]
    }

    /// Swaps two non-adjacent nodes.
    @inline(__always) func swapNodes(_ u: Int, _ v: Int) {
        let pu = prv[u], xu = nxt[u], pv = prv[v], xv = nxt[v]
        let ru = rte[u], rv = rte[v]
        nxt[pu] = v; prv[v] = pu; nxt[v] = xu; prv[xu] = v
        nxt[pv] = u; prv[u] = pv; nxt[u] = xv; prv[xv] = u
        rte[u] = rv; rte[v] = ru
    }

    @inline(__always) func relink(_ r: Int, _ buf: UnsafeMutablePointer<Int>, _ count: Int) {
        var prev = startDepot(r)
        for k in 0..<count { let c = buf[k]; nxt[prev] = c; prv[c] = prev; prev = c }
        let e = endDepot(r)
        nxt[prev] = e; prv[e] = prev
    }

    @inline(__always) mutating func finish(_ ru: Int, _ rv: Int) {
        nbMoves += 1
        updateRoute(ru)
        if rv != ru { updateRoute(rv) }
    }

    // MARK: main loop

    mutating func run(_ indiv: Individual, penalty: Double, rng: inout RandomSource) {
        self.penalty = penalty
        load(indiv)
        shuffleOrders(&rng)
        search(exhaustive: true)
        export(to: indiv)
    }

    mutating func shuffleOrders(_ rng: inout RandomSource) {
        rng.shuffle(&orderNodes)
        rng.shuffle(&orderRoutes)
        // occasionally reshuffle neighbour lists
        for u in 1..<n where rng.int(below: max(1, 20)) == 0 {
            let a = corrStart[u], b = corrStart[u + 1]
            var i = b - 1
            while i > a { let j = a + rng.int(below: i - a + 1); let t = corr[i]; corr[i] = corr[j]; corr[j] = t; i -= 1 }
        }
    }

    /// Improves the loaded solution until no move improves it. `exhaustive`: the first pass tests
    /// every pair (a fresh solution); otherwise only pairs with a route modified since the node
    /// was last tested (the "when last modified" stamps), so a search after a small change only
    /// re-examines the neighbourhood of that change.
    mutating func search(exhaustive: Bool) {
        var loopID = exhaustive ? 0 : 1
        var searchCompleted = false
        while !searchCompleted {
            if loopID > 1 { searchCompleted = true }
            for u in orderNodes {
                let lastTest = whenTested[u]
                whenTested[u] = nbMoves
                let a = corrStart[u], b = corrStart[u + 1]
                var k = a
                while k < b {
                    let v = corr[k]
                    k += 1
                    if loopID == 0 || max(rWhen[rte[u]], rWhen[rte[v]]) > lastTest {
                        if tryPair(u, v) { searchCompleted = false; continue }
                        let pv = prv[v]
                        if isDepot(pv) && tryDepot(u, pv) { searchCompleted = false; continue }
                    }
                }
                if loopID > 0 && (exhaustive || rWhen[rte[u]] > lastTest) {
                    var er = -1
                    for r in 0..<m where rNb[r] == 0 { er = r; break }
                    if er >= 0 && tryEmpty(u, startDepot(er)) { searchCompleted = false }
                }
            }
            if useSwapStar {
                let passStart = nbMoves
                for i in 0..<m {
                    let rU = orderRoutes[i]
                    if rNb[rU] == 0 { continue }
                    for rV in 0..<m where rV != rU && rNb[rV] > 0 && (rU < rV) {
                        if (loopID == 0 || max(rWhen[rU], rWhen[rV]) > lastSwapStarPass) && overlap(rU, rV) {
                            if swapStar(rU, rV) { searchCompleted = false }
                        }
                    }
                }
                lastSwapStarPass = passStart
            }
            loopID += 1
        }
    }

    @inline(__always) mutating func tryPair(_ u: Int, _ v: Int) -> Bool {
        if move1(u, v) || move2(u, v) || move3(u, v) || move4(u, v) || move5(u, v) || move6(u, v) { return true }
        if rte[u] == rte[v] { return move7(u, v) }
        return move8(u, v) || move9(u, v)
    }

    @inline(__always) mutating func tryDepot(_ u: Int, _ v: Int) -> Bool {
        if move1(u, v) || move2(u, v) || move3(u, v) { return true }
        if rte[u] != rte[v] { return move8(u, v) || move9(u, v) }
        return false
    }

    @inline(__always) mutating func tryEmpty(_ u: Int, _ v: Int) -> Bool {
        move1(u, v) || move2(u, v) || move3(u, v) || move9(u, v)
    }
}
