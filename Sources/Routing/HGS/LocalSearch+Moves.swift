/// The granular moves of the local search (RELOCATE, SWAP, 2-OPT, 2-OPT*), each evaluated in O(1)
/// and applied when it improves the penalised cost.
extension LocalSearch {
    /// Whether a move improves the penalised cost: its distance change, plus — between two routes
    /// — the change of both routes' load penalties when `q` units leave route `ru` for `rv`
    /// (not computed when the distance alone is worse than both penalties vanishing, the best
    /// they can do).
    @inline(__always) func improves(_ distance: Double, _ ru: Int, _ rv: Int, moving q: Int) -> Bool {
        var cost = distance
        if ru != rv {
            if cost >= rPen[ru] + rPen[rv] { return false }
            cost += pen(rLoad[ru] - q) - rPen[ru] + pen(rLoad[rv] + q) - rPen[rv]
        }
        return cost <= -1e-5
    }

    // MARK: moves (u customer; v customer or start depot)

    /// RELOCATE u after v.
    mutating func move1(_ u: Int, _ v: Int) -> Bool {
        let x = nxt[u], p = prv[u], y = nxt[v]
        if u == y { return false }
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, x) - d(p, u) - d(u, x) + d(v, u) + d(u, y) - d(v, y))
        guard improves(delta, ru, rv, moving: demand[u]) else { return false }
        insertAfter(u, v)
        finish(ru, rv)
        return true
    }

    /// RELOCATE (u, x) after v.
    mutating func move2(_ u: Int, _ v: Int) -> Bool {
        let x = nxt[u], p = prv[u], y = nxt[v]
        if u == y || v == x || isDepot(x) { return false }
        let xx = nxt[x]
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, xx) - d(p, u) - d(x, xx) + d(v, u) + d(x, y) - d(v, y))
        guard improves(delta, ru, rv, moving: demand[u] + demand[x]) else { return false }
        insertAfter(u, v)
        insertAfter(x, u)
        finish(ru, rv)
        return true
    }

    /// RELOCATE (u, x) after v as (x, u).
    mutating func move3(_ u: Int, _ v: Int) -> Bool {
        let x = nxt[u], p = prv[u], y = nxt[v]
        if u == y || v == x || isDepot(x) { return false }
        let xx = nxt[x]
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, xx) - d(p, u) - d(u, x) - d(x, xx) + d(v, x) + d(x, u) + d(u, y) - d(v, y))
        guard improves(delta, ru, rv, moving: demand[u] + demand[x]) else { return false }
        insertAfter(x, v)
        insertAfter(u, x)
        finish(ru, rv)
        return true
    }

    /// SWAP u and v.
    mutating func move4(_ u: Int, _ v: Int) -> Bool {
        if isDepot(v) { return false }
        let x = nxt[u], p = prv[u], y = nxt[v], pv = prv[v]
        if v == x || u == y { return false }
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, v) + d(v, x) - d(p, u) - d(u, x) + d(pv, u) + d(u, y) - d(pv, v) - d(v, y))
        guard improves(delta, ru, rv, moving: demand[u] - demand[v]) else { return false }
        swapNodes(u, v)
        finish(ru, rv)
        return true
    }

    /// SWAP (u, x) and v.
    mutating func move5(_ u: Int, _ v: Int) -> Bool {
        if isDepot(v) { return false }
        let x = nxt[u], p = prv[u], y = nxt[v], pv = prv[v]
        if isDepot(x) || v == x || u == y || x == pv { return false }
        let xx = nxt[x]
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, v) + d(v, xx) - d(p, u) - d(x, xx) + d(pv, u) + d(x, y) - d(pv, v) - d(v, y))
        guard improves(delta, ru, rv, moving: demand[u] + demand[x] - demand[v]) else { return false }
        swapNodes(u, v)
        insertAfter(x, u)
        finish(ru, rv)
        return true
    }

    /// SWAP (u, x) and (v, y).
    mutating func move6(_ u: Int, _ v: Int) -> Bool {
        if isDepot(v) { return false }
        let x = nxt[u], p = prv[u], y = nxt[v], pv = prv[v]
        if isDepot(x) || isDepot(y) || v == x || u == y || y == p || v == nxt[x] { return false }
        let xx = nxt[x], yy = nxt[y]
        let ru = rte[u], rv = rte[v]
        let delta = Double(d(p, v) + d(y, xx) - d(p, u) - d(x, xx) + d(pv, u) + d(x, yy) - d(pv, v) - d(y, yy))
        guard improves(delta, ru, rv, moving: demand[u] + demand[x] - demand[v] - demand[y]) else { return false }
        swapNodes(u, v)
        swapNodes(x, y)
        finish(ru, rv)
        return true
    }

    /// 2-OPT inside a route: reverse x..v.
    mutating func move7(_ u: Int, _ v: Int) -> Bool {
        if pos[u] > pos[v] { return false }
        let x = nxt[u]
        if x == v { return false }
        let y = nxt[v]
        let cost = Double(d(u, v) + d(x, y) - d(u, x) - d(v, y) + cumRev[v] - cumRev[x])
        if cost > -1e-5 { return false }
        var cur = v, before = u
        while true {
            let old = prv[cur]
            nxt[before] = cur; prv[cur] = before
            before = cur
            if cur == x { break }
            cur = old
        }
        nxt[x] = y; prv[y] = x
        let r = rte[u]
        finish(r, r)
        return true
    }

    /// 2-OPT*: (u,x),(v,y) → (u,v),(x,y), reversing route parts.
    mutating func move8(_ u: Int, _ v: Int) -> Bool {
        let ru = rte[u], rv = rte[v]
        let x = nxt[u], y = nxt[v]
        let eU = endDepot(ru)
        var cost = Double(d(u, v) + d(x, y) - d(u, x) - d(v, y) + cumRev[v] + cumRev[eU] - cumRev[x])
        if cost >= rPen[ru] + rPen[rv] { return false }
        let l1 = cumLoad[u] + cumLoad[v]
        let l2 = rLoad[ru] + rLoad[rv] - l1
        cost += pen(l1) + pen(l2) - rPen[ru] - rPen[rv]
        if cost > -1e-5 { return false }
        var ca = 0
        var node = nxt[startDepot(ru)]
        while node != x { bufA[ca] = node; ca += 1; node = nxt[node] }
        node = v
        while !isDepot(node) { bufA[ca] = node; ca += 1; node = prv[node] }
        var cb = 0
        node = prv[eU]
        while node != u { bufB[cb] = node; cb += 1; node = prv[node] }
        node = y
        while !isDepot(node) { bufB[cb] = node; cb += 1; node = nxt[node] }
        relink(ru, bufA, ca)
        relink(rv, bufB, cb)
        finish(ru, rv)
        return true
    }

    /// 2-OPT*: (u,x),(v,y) → (u,y),(v,x).
    mutating func move9(_ u: Int, _ v: Int) -> Bool {
        let ru = rte[u], rv = rte[v]
        let x = nxt[u], y = nxt[v]
        var cost = Double(d(u, y) + d(v, x) - d(u, x) - d(v, y))
        if cost >= rPen[ru] + rPen[rv] { return false }
        let l1 = cumLoad[u] + rLoad[rv] - cumLoad[v]
        let l2 = cumLoad[v] + rLoad[ru] - cumLoad[u]
        cost += pen(l1) + pen(l2) - rPen[ru] - rPen[rv]
        if cost > -1e-5 { return false }
        var ca = 0
        var node = nxt[startDepot(ru)]
        while node != x { bufA[ca] = node; ca += 1; node = nxt[node] }
        node = y
        while !isDepot(node) { bufA[ca] = node; ca += 1; node = nxt[node] }
        var cb = 0
        node = nxt[startDepot(rv)]
        while node != y { bufB[cb] = node; cb += 1; node = nxt[node] }
        node = x
        while !isDepot(node) { bufB[cb] = node; cb += 1; node = nxt[node] }
        relink(ru, bufA, ca)
        relink(rv, bufB, cb)
        finish(ru, rv)
        return true
    }
}
