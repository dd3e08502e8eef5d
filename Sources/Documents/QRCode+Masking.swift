/// Data masking (clause 7.8): the eight mask patterns and the penalty rules that pick the one
/// leaving the fewest finder-like shapes, long runs, blocks and dark/light imbalance.
extension QRCode {
    /// Whether mask `pattern` inverts the module in row `y`, column `x` (Table 10, i = row, j = column).
    static func maskInverts(pattern: Int, x: Int, y: Int) -> Bool {
        switch pattern {
        case 0: return (y + x) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (y + x) % 3 == 0
        case 4: return (y / 2 + x / 3) % 2 == 0
        case 5: return (y * x) % 2 + (y * x) % 3 == 0
        case 6: return ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: return ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// `grid` with mask `pattern` applied to every non-function module and the matching
    /// format information drawn.
    static func masked(_ grid: Grid, pattern: Int, level: ErrorCorrection) -> Grid {
        var result = grid
        for y in 0..<grid.size {
            for x in 0..<grid.size where !grid.isFunction(x: x, y: y) && maskInverts(pattern: pattern, x: x, y: y) {
                result[x, y].toggle()
            }
        }
        result.drawFormatBits(formatInformation(level: level, mask: pattern))
        return result
    }

    /// Tries all eight masks and keeps the one with the lowest penalty (the first on a tie).
    static func bestMasked(_ grid: Grid, level: ErrorCorrection) -> Grid {
        var best: (grid: Grid, penalty: Int)?
        for pattern in 0..<8 {
            let candidate = masked(grid, pattern: pattern, level: level)
            let score = penalty(candidate)
            if best == nil || score < best?.penalty ?? Int.max { best = (candidate, score) }
        }
        return best?.grid ?? masked(grid, pattern: 0, level: level)
    }

    /// The total penalty N1 + N2 + N3 + N4 of clause 7.8.3.
    static func penalty(_ grid: Grid) -> Int {
        let size = grid.size
        var score = 0
        // Rules 1 and 3 look at every row and every column as a line of modules.
        for line in 0..<size {
            let row = (0..<size).map { grid[$0, line] }
            let column = (0..<size).map { grid[line, $0] }
            score += runPenalty(row) + runPenalty(column)
            score += finderLikePenalty(row) + finderLikePenalty(column)
        }
        score += blockPenalty(grid)
        score += balancePenalty(grid)
        return score
    }

    /// N1: each run of five or more same-coloured modules scores 3, plus 1 per module beyond five.
    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        for (index, dark) in line.enumerated() {
            runLength = index > 0 && line[index - 1] == dark ? runLength + 1 : 1
            let runEnds = index == line.count - 1 || line[index + 1] != dark
            if runEnds && runLength >= 5 { score += 3 + runLength - 5 }
        }
        return score
    }

    /// N2: each 2×2 block of one colour scores 3 (overlapping blocks count separately).
    static func blockPenalty(_ grid: Grid) -> Int {
        var score = 0
        for y in 0..<grid.size - 1 {
            for x in 0..<grid.size - 1 {
                let colour = grid[x, y]
                if grid[x + 1, y] == colour && grid[x, y + 1] == colour && grid[x + 1, y + 1] == colour {
                    score += 3
                }
            }
        }
        return score
    }

    /// N3: each dark-light-dark×3-light-dark (1:1:3:1:1) with four light modules on either
    /// side scores 40. Beyond the symbol edge is the light quiet zone.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let core = [true, false, true, true, true, false, true]
        func isDark(_ index: Int) -> Bool { index >= 0 && index < line.count && line[index] }
        var score = 0
        for start in 0...(line.count - core.count) {
            guard core.indices.allSatisfy({ line[start + $0] == core[$0] }) else { continue }
            let lightBefore = (1...4).allSatisfy { !isDark(start - $0) }
            let lightAfter = (0..<4).allSatisfy { !isDark(start + core.count + $0) }
            if lightBefore { score += 40 }
            if lightAfter { score += 40 }
        }
        return score
    }

    /// N4: 10 points for every full 5 % the dark proportion deviates from 50 %.
    static func balancePenalty(_ grid: Grid) -> Int {
        let dark = grid.modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = grid.modules.count
        // |dark/total − ½| in steps of 5 %, done in integers: |20·dark − 10·total| / total.
        return abs(20 * dark - 10 * total) / total * 10
    }
}
