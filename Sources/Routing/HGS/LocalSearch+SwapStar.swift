/// SWAP* (Vidal 2022): the best exchange of two customers between two routes, each reinserted at
/// its best position in the other route, from cached top-3 insertion positions.
extension LocalSearch {
    // MARK: SWAP*

    /// Top-3 insertion positions of every customer of `rFrom` into `rTo` (cached per route state).
    @inline(__always) func preprocessInsertions(_ rFrom: Int, _ rTo: Int) {
        let eTo = endDepot(rTo)
        let whenTo = rWhen[rTo]
        var u = nxt[startDepot(rFrom)]
        while !isDepot(u) {
            deltaRem[u] = Double(d(prv[u], nxt[u]) - d(prv[u], u) - d(u, nxt[u]))
            let entry = rTo &* n &+ u
            if cacheStamp[entry] < whenTo {
                cacheStamp[entry] = nbMoves
                var c0 = Double.greatestFiniteMagnitude, c1 = c0, c2 = c0
                var p0 = -1, p1 = -1, p2 = -1
                let lu = u &* n
                var a = startDepot(rTo)
                var la = 0
                while a != eTo {
                    let b = nxt[a]
                    let lb = L(b)
                    let c = Double(Int(dist[la &* n &+ u]) + Int(dist[lu &+ lb]) - Int(dist[la &* n &+ lb]))
                    if c < c2 {
                        if c < c1 {
                            c2 = c1; p2 = p1
                            if c < c0 { c1 = c0; p1 = p0; c0 = c; p0 = a } else { c1 = c; p1 = a }
                        } else { c2 = c; p2 = a }
                    }
                    a = b
                    la = lb
                }
                let base = 3 &* entry
                cacheCost[base] = c0; cacheCost[base + 1] = c1; cacheCost[base + 2] = c2
                cachePos[base] = p0; cachePos[base + 1] = p1; cachePos[base + 2] = p2
            }
            u = nxt[u]
        }
    }

    mutating func swapStar(_ rU: Int, _ rV: Int) -> Bool {
        preprocessInsertions(rU, rV)
        preprocessInsertions(rV, rU)
        var best = -1e-5
        var bu = -1, bv = -1, bpu = -1, bpv = -1
        let loadU = rLoad[rU], loadV = rLoad[rV], penU = rPen[rU], penV = rPen[rV]
        // Contiguous copy of route V's data so the inner loop reads memory sequentially.
        var cnt = 0
        var v = nxt[startDepot(rV)]
        while !isDepot(v) {
            svNode[cnt] = v; svQ[cnt] = demand[v]; svRem[cnt] = deltaRem[v]
            let pv = prv[v], yv = nxt[v]
            svPrev[cnt] = pv; svNext[cnt] = yv; svPY[cnt] = d(pv, yv)
            let b3 = 3 &* (rU &* n &+ v)
            svC[3 * cnt] = cacheCost[b3]; svC[3 * cnt + 1] = cacheCost[b3 + 1]; svC[3 * cnt + 2] = cacheCost[b3 + 2]
            svP[3 * cnt] = cachePos[b3]; svP[3 * cnt + 1] = cachePos[b3 + 1]; svP[3 * cnt + 2] = cachePos[b3 + 2]
            cnt += 1
            v = yv
        }
        var u = nxt[startDepot(rU)]
        while !isDepot(u) {
            let qu = demand[u]
            let remU = deltaRem[u]
            let pu = prv[u], xu = nxt[u]
            let dPUXU = d(pu, xu)
            let bu3 = 3 &* (rV &* n &+ u)
            let uc0 = cacheCost[bu3], uc1 = cacheCost[bu3 + 1], uc2 = cacheCost[bu3 + 2]
            let up0 = cachePos[bu3], up1 = cachePos[bu3 + 1], up2 = cachePos[bu3 + 2]
            for k in 0..<cnt {
                let qv = svQ[k]
                let dPenU = pen(loadU + qv - qu) - penU
                let dPenV = pen(loadV + qu - qv) - penV
                let bound = dPenU + remU + dPenV + svRem[k]
                if bound >= best { continue }
                let vk = svNode[k], pv = svPrev[k], yv = svNext[k]
                // u into route V with v removed: in place of v, or best cached position not next to v
                var extraV = Double(d(pv, u) + d(u, yv) - svPY[k])
                var posU = pv
                if up0 >= 0 && up0 != vk && up0 != pv { if uc0 < extraV { extraV = uc0; posU = up0 } } else if up1 >= 0 && up1 != vk && up1 != pv {
                    if uc1 < extraV { extraV = uc1; posU = up1 }
                } else if up2 >= 0 && up2 != vk && up2 != pv { if uc2 < extraV { extraV = uc2; posU = up2 } }
                if bound + extraV >= best { continue }
                // v into route U with u removed
                var extraU = Double(d(pu, vk) + d(vk, xu) - dPUXU)
                var posV = pu
                let c3 = 3 * k
                let vp0 = svP[c3], vp1 = svP[c3 + 1], vp2 = svP[c3 + 2]
                if vp0 >= 0 && vp0 != u && vp0 != pu { if svC[c3] < extraU { extraU = svC[c3]; posV = vp0 } } else if vp1 >= 0 && vp1 != u && vp1 != pu {
                    if svC[c3 + 1] < extraU { extraU = svC[c3 + 1]; posV = vp1 }
                } else if vp2 >= 0 && vp2 != u && vp2 != pu { if svC[c3 + 2] < extraU { extraU = svC[c3 + 2]; posV = vp2 } }
                let cost = bound + extraU + extraV
                if cost < best { best = cost; bu = u; bv = vk; bpu = posU; bpv = posV }
            }
            // plain relocation of u into rV
            let c = remU + uc0 + pen(loadU - qu) - penU + pen(loadV + qu) - penV
            if up0 >= 0 && c < best { best = c; bu = u; bv = -1; bpu = up0; bpv = -1 }
            u = xu
        }
        for k in 0..<cnt {
            let qv = svQ[k]
            let c = svRem[k] + svC[3 * k] + pen(loadV - qv) - penV + pen(loadU + qv) - penU
            if svP[3 * k] >= 0 && c < best { best = c; bu = -1; bv = svNode[k]; bpu = -1; bpv = svP[3 * k] }
        }
        if bu < 0 && bv < 0 { return false }
        if bu >= 0 { insertAfter(bu, bpu) }
        if bv >= 0 { insertAfter(bv, bpv) }
        finish(rU, rV)
        return true
    }
}
