/// Feasible and infeasible sub-populations with biased fitness (cost rank + diversity rank).
final class Population {
    let data: HGSData
    let params: HGSParameters
    var feasible: [Individual] = []
    var infeasible: [Individual] = []
    var bestSolution: Individual?
    /// Feasibility of the last local-search outcomes, for the adaptive penalty.
    var recentFeasibility: [Bool] = []
    var firstFeasibleTime: Double?

    init(data: HGSData, params: HGSParameters) {
        self.data = data
        self.params = params
    }

    /// Adds a copy of `indiv`; returns true if it improves the best known feasible solution.
    @discardableResult
    func add(_ indiv: Individual, updateFeasibility: Bool, elapsed: Double) -> Bool {
        if updateFeasibility {
            recentFeasibility.append(indiv.isFeasible)
            if recentFeasibility.count > 100 { recentFeasibility.removeFirst() }
        }
        let copy = Individual(copying: indiv)
        let isF = copy.isFeasible
        var sub = isF ? feasible : infeasible
        if isF { feasible = [] } else { infeasible = [] }
        for other in sub {
            let dd = copy.brokenPairsDistance(other)
            insertProximity(other, dd, copy)
            insertProximity(copy, dd, other)
        }
        var place = sub.count
        while place > 0 && sub[place - 1].penalizedCost > copy.penalizedCost - 1e-6 { place -= 1 }
        sub.insert(copy, at: place)
        if sub.count > params.mu + params.lambda {
            while sub.count > params.mu { removeWorst(&sub) }
        }
        if isF { feasible = sub } else { infeasible = sub }
        if isF {
            if firstFeasibleTime == nil { firstFeasibleTime = elapsed }
            if bestSolution.map({ copy.distance < $0.distance }) ?? true {
                bestSolution = Individual(copying: copy)
                return true
            }
        }
        return false
    }

    private func insertProximity(_ a: Individual, _ dist: Double, _ b: Individual) {
        var i = a.proximity.count
        while i > 0 && a.proximity[i - 1].distance > dist { i -= 1 }
        a.proximity.insert((dist, b), at: i)
    }

    private func updateBiasedFitness(_ sub: [Individual]) {
        let count = sub.count
        if count == 1 { sub[0].biasedFitness = 0; return }
        var ranking: [(Double, Int)] = []
        ranking.reserveCapacity(count)
        for (i, ind) in sub.enumerated() { ranking.append((-ind.averageDistanceToClosest(params.nbClose), i)) }
        ranking.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let eliteFactor = 1.0 - Double(params.nbElite) / Double(count)
        for (divRank, item) in ranking.enumerated() {
            let div = Double(divRank) / Double(count - 1)
            let fit = Double(item.1) / Double(count - 1)
            if count <= params.nbElite {
                sub[item.1].biasedFitness = fit
            } else {
                sub[item.1].biasedFitness = fit + eliteFactor * div
            }
        }
    }

    private func removeWorst(_ sub: inout [Individual]) {
        updateBiasedFitness(sub)
        var worst = 1
        var worstIsClone = false
        var worstFit = -1.0
        for i in 1..<sub.count {
            let isClone = sub[i].averageDistanceToClosest(1) < 1e-6
            if (isClone && !worstIsClone) || (isClone == worstIsClone && sub[i].biasedFitness > worstFit) {
                worst = i; worstIsClone = isClone; worstFit = sub[i].biasedFitness
            }
        }
        let w = sub.remove(at: worst)
        for other in sub {
            if let k = other.proximity.firstIndex(where: { $0.other === w }) { other.proximity.remove(at: k) }
        }
        w.proximity.removeAll()
    }

    func binaryTournament(_ rng: inout RandomSource) -> Individual {
        updateBiasedFitness(feasible)
        updateBiasedFitness(infeasible)
        let total = feasible.count + infeasible.count
        let i1 = rng.int(below: total), i2 = rng.int(below: total)
        let a = i1 < feasible.count ? feasible[i1] : infeasible[i1 - feasible.count]
        let b = i2 < feasible.count ? feasible[i2] : infeasible[i2 - feasible.count]
        return a.biasedFitness < b.biasedFitness ? a : b
    }

    /// Binary tournament among the feasible individuals (all of them when none is feasible):
    /// the parent of a perturbation, which keeps most of its parent's routes.
    func binaryTournamentFeasible(_ rng: inout RandomSource) -> Individual {
        if feasible.isEmpty { return binaryTournament(&rng) }
        updateBiasedFitness(feasible)
        let a = feasible[rng.int(below: feasible.count)], b = feasible[rng.int(below: feasible.count)]
        return a.biasedFitness < b.biasedFitness ? a : b
    }

    /// Adapts the capacity penalty towards the target feasible fraction; returns the new penalty.
    func managePenalty(_ penalty: Double) -> Double {
        guard !recentFeasibility.isEmpty else { return penalty }
        let frac = Double(recentFeasibility.filter { $0 }.count) / Double(recentFeasibility.count)
        var p = penalty
        if frac < params.targetFeasible - 0.05 && p < 100_000 { p = min(100_000, p * 1.2) }
        if frac > params.targetFeasible + 0.05 && p > 0.1 { p = max(0.1, p * 0.85) }
        if p != penalty {
            for ind in infeasible { ind.penalizedCost = Double(ind.distance) + Double(ind.capacityExcess) * p }
            infeasible.sort { $0.penalizedCost < $1.penalizedCost }
        }
        return p
    }

    func restart() {
        for ind in feasible { ind.proximity.removeAll() }
        for ind in infeasible { ind.proximity.removeAll() }
        feasible.removeAll()
        infeasible.removeAll()
    }

    var size: Int { feasible.count + infeasible.count }
}
