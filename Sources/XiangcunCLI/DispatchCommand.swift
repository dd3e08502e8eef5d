import ArgumentParser
import Audit
import CountyDispatch
import DispatchCore
import Divisions
import Documents
import Foundation
import XiangcunKit

/// `xiangcun dispatch plan --county C --date D [--seconds S | --iterations N] [--out DIR]`.
struct DispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispatch", abstract: "Two-tier daily dispatch (线路规划).",
                                                    subcommands: [DispatchPlanCommand.self])
}

struct DispatchPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan (or re-plan) a county's day: centre → hubs daily, hubs → villages at their frequency; stores the plan.",
        discussion: "Prints vehicles, km and cost next to the county's current fixed routes. --out DIR writes manifests.csv and routes.svg.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "County code (6 or 12 digits).") var county: String
    @ArgumentParser.Option(help: "Day (yyyy-mm-dd, Beijing time); default today.") var date: String?
    @ArgumentParser.Option(help: "Search time per routing problem, seconds.") var seconds: Double = 1
    @ArgumentParser.Option(help: "Search iterations per routing problem instead of time (reproducible).") var iterations: Int?
    @ArgumentParser.Option(help: "Random seed.") var seed: UInt64 = 1
    @ArgumentParser.Option(help: "Folder for manifests.csv and routes.svg.") var out: String?
    @ArgumentParser.Option(help: "Plan this many consecutive days from --date (6 = one dispatch cycle) and print the total.") var days: Int = 1

    func run() async throws {
        let code = try CLIArguments.county(county)
        let day = try CLIArguments.day(date, option: "--date")
        if let iterations, iterations < 1 { throw UserFacingError("--iterations: at least 1") }
        guard seconds > 0, seconds <= 600 else { throw UserFacingError("--seconds: between 0 and 600") }
        guard (1...31).contains(days) else { throw UserFacingError("--days: 1 to 31") }
        let budget = SearchBudget(seconds: iterations == nil ? seconds : nil, iterations: iterations, seed: seed)
        try await withStorage(storage) { store in
            guard try await Division.find(code.value, on: store.db) != nil else { throw UserFacingError("county \(code.value) is not in the database") }
            var total = PlanComparison(planMetres: 0, planCost: .zero, fixedMetres: 0, fixedCost: .zero)
            for offset in 0..<days {
                let stored: StoredPlan
                do { stored = try await DispatchPlanning.plan(county: code, day: day.adding(days: offset), budget: budget, actor: .cli("dispatch plan"), on: store.db) }
                catch let error as DispatchError { throw UserFacingError(Catalogue.text(error.messageKey, .en, [error.argument])) }
                print(Self.summary(stored))
                if !stored.plan.unserved.isEmpty {
                    let places = try await DispatchQueries.network(county: code, on: store.db).places
                    print("unserved: " + stored.plan.unserved.map { places[$0]?.name ?? $0.uuidString }.joined(separator: ", "))
                }
                if let out, offset == 0 { try await Self.write(stored, county: code, to: out, on: store) }
                let c = stored.comparison
                total = PlanComparison(planMetres: total.planMetres + c.planMetres, planCost: total.planCost + c.planCost,
                                       fixedMetres: total.fixedMetres + c.fixedMetres, fixedCost: total.fixedCost + c.fixedCost)
            }
            if days > 1 {
                print("total over \(days) days: plan \(PlanComparison.km(total.planMetres)) km, \(total.planCost.yuanText) yuan; fixed routes \(PlanComparison.km(total.fixedMetres)) km, \(total.fixedCost.yuanText) yuan; saving \(PlanComparison.km(total.savingMetres)) km, \(total.savingCost.yuanText) yuan (\(total.savingRate?.percentText ?? "—"))")
            }
        }
    }

    static func summary(_ s: StoredPlan) -> String {
        let c = s.comparison
        let tier1 = s.plan.routes.filter { $0.tier == 1 }.count
        return """
        plan \(s.plan.day.iso): \(s.plan.vehiclesUsed) vehicles (\(tier1) centre→hub routes, \(s.plan.routes.count - tier1) hub→village routes), \
        \(s.plan.routes.flatMap(\.stops).count) stops, \(s.plan.unserved.count) unserved
        plan:          \(PlanComparison.km(c.planMetres)) km, \(c.planCost.yuanText) yuan
        fixed routes:  \(PlanComparison.km(c.fixedMetres)) km, \(c.fixedCost.yuanText) yuan
        saving:        \(PlanComparison.km(c.savingMetres)) km, \(c.savingCost.yuanText) yuan (\(c.savingRate?.percentText ?? "—") of the fixed routes' cost)
        """
    }

    static func write(_ s: StoredPlan, county: DivisionCode, to folder: String, on store: CommandStore) async throws {
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let vehicles = try await DispatchQueries.vehicles(county: county, on: store.db)
        let names = Dictionary(vehicles.compactMap { v in v.id.map { ($0, v.name) } }, uniquingKeysWith: { a, _ in a })
        let places = try await DispatchQueries.network(county: county, on: store.db).places
        let rows = DispatchImports.manifestRows(s.plan, vehicleName: { names[$0] ?? "—" }, placeName: { places[$0]?.name ?? "—" })
        try CSV.write(rows).write(to: url.appendingPathComponent("manifests.csv"))
        let svg = RouteMap.svg(s.plan, places: places, depotOf: Dictionary(vehicles.compactMap { v in v.id.map { ($0, v.depotID) } }, uniquingKeysWith: { a, _ in a }),
                               labels: .init(title: "配送线路图 \(s.plan.day.iso)", empty: "—", vehicleName: { names[$0] ?? "—" }))
        try Data(svg.utf8).write(to: url.appendingPathComponent("routes.svg"))
        print("wrote \(url.appendingPathComponent("manifests.csv").path) (\(rows.count - 1) stops) and routes.svg")
    }
}
