// `xiangcun bench routing --set …` without the web stack: the same `VRPLIBBenchmark.run` of the
// Routing module, built alone by scripts/bench-routing-dev.sh. Options as in the CLI:
//   --set HFVRP|MDVRPTW|MTVRPTWR|X-large --data DIR --seconds N --seed S --limit K --filter TEXT --solutions DIR --cpu-time
//   (experiments) --granularity G --mu M --lambda L --large N|none --perturb-from N|none --perturbations K --removals R
//   --perturbation-penalty F --initial N
import Foundation
import Routing

var values: [String: String] = [:]
var args = CommandLine.arguments.dropFirst()
while let key = args.popFirst() {
    if key == "--cpu-time" {  // a flag, as in the CLI
        values["cpu-time"] = "1"
        continue
    }
    guard key.hasPrefix("--"), let value = args.popFirst() else {
        FileHandle.standardError.write(Data("error: expected --option value pairs, got '\(key)'\n".utf8))
        exit(1)
    }
    values[String(key.dropFirst(2))] = value
}
guard let set = values["set"], VRPLIBBenchmark.sets.contains(set) else {
    FileHandle.standardError.write(Data("error: --set must be one of \(VRPLIBBenchmark.sets.joined(separator: ", "))\n".utf8))
    exit(1)
}
var options = VRPLIBBenchmark.Options(directory: ((values["data"] ?? "../shared/data/vrp") as NSString).appendingPathComponent(set))
options.seconds = values["seconds"].flatMap(Double.init) ?? 10
options.seed = values["seed"].flatMap(UInt64.init) ?? 1
options.limit = values["limit"].flatMap(Int.init)
options.filter = values["filter"]
options.solutionDirectory = values["solutions"]
// HGS settings for experiments on the plain CVRP sets (defaults: HGSParameters()).
if let g = values["granularity"].flatMap(Int.init) { options.hgs.granularity = g }
if let m = values["mu"].flatMap(Int.init) { options.hgs.mu = m }
if let l = values["lambda"].flatMap(Int.init) { options.hgs.lambda = l }
if let s = values["large"] { options.hgs.largeInstanceSize = Int(s) }
if let s = values["perturb-from"] { options.hgs.perturbationInstanceSize = Int(s) }
if let k = values["perturbations"].flatMap(Int.init) { options.hgs.perturbationsPerCrossover = k }
if let k = values["removals"].flatMap(Int.init) { options.hgs.perturbationSize = k }
if let f = values["perturbation-penalty"].flatMap(Double.init) { options.hgs.perturbationPenaltyFactor = f }
if let k = values["initial"].flatMap(Int.init) { options.hgs.initialPopulationSize = k }
options.cpuTime = values["cpu-time"] == "1"
do {
    _ = try VRPLIBBenchmark.run(options) { line in
        print(line)
        fflush(nil)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
