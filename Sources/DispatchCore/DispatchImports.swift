import Documents
import Foundation
import NetworkCore
import XiangcunKit

/// The county's files for dispatch: its current fixed routes and a distance matrix (e.g. from
/// its own OSRM). Read all-or-nothing: any rejected cell rejects the file, every issue named
/// with row and column.
public enum DispatchImports {
    /// 现行固定线路: name, vehicle, stops in order, daily cost (optional; else from the vehicle).
    public static let routeColumns: [(key: String, zh: String, en: String, required: Bool)] = [
        ("name", "线路名称", "Route", true), ("vehicle", "车辆", "Vehicle", true),
        ("stops", "站点顺序", "Stops", true), ("cost", "每日成本（元）", "Daily cost (yuan)", false),
    ]
    /// 距离矩阵: from, to, kilometres (directed; a symmetric matrix lists both ways).
    public static let distanceColumns: [(key: String, zh: String, en: String, required: Bool)] = [
        ("from", "起点", "From", true), ("to", "终点", "To", true), ("km", "距离（公里）", "Distance (km)", true),
    ]

    /// Stops are separated by "、", "；", ";", "→", ">" or "-".
    static let stopSeparators: Set<Character> = ["、", "；", ";", "→", ">", "-", "，", ","]

    public static func fixedRoutes(_ data: Data, vehicles: [String: UUID], places: [String: UUID]) throws(ImportFailed) -> [FixedRoute] {
        let file = try TabularFile.read(data)
        let map = try columns(file, routeColumns)
        var issues: [ImportIssue] = []
        var routes: [FixedRoute] = []
        for (number, fields) in file.rows {
            func cell(_ key: String) -> String { map[key].flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            func issue(_ key: String, _ message: String, _ args: [String] = []) {
                let i = map[key] ?? 0
                issues.append(ImportIssue(row: number, column: XLSX.columnName(i + 1), header: file.header.indices.contains(i) ? file.header[i] : key, key: message, args: args))
            }
            let name = cell("name")
            if name.isEmpty { issue("name", "dispatch.import.required") }
            let vehicle = vehicles[cell("vehicle")]
            if vehicle == nil { issue("vehicle", "dispatch.import.unknownVehicle", [cell("vehicle")]) }
            let stopNames = cell("stops").split { stopSeparators.contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if stopNames.isEmpty { issue("stops", "dispatch.import.required") }
            let unknown = stopNames.filter { places[$0] == nil }
            if !unknown.isEmpty { issue("stops", "dispatch.import.unknownStation", [unknown.joined(separator: "、")]) }
            var cost: Money? = nil
            if !cell("cost").isEmpty {
                if let money = try? Money(yuan: cell("cost")), money.fen >= 0 { cost = money } else { issue("cost", "dispatch.import.badAmount", [cell("cost")]) }
            }
            if let vehicle, !name.isEmpty, unknown.isEmpty, !stopNames.isEmpty {
                routes.append(FixedRoute(name: name, vehicleID: vehicle, stops: stopNames.compactMap { places[$0] }, dailyCost: cost))
            }
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        return routes
    }

    public static func distances(_ data: Data, places: [String: UUID]) throws(ImportFailed) -> [DistanceTable.Pair: Int] {
        let file = try TabularFile.read(data)
        let map = try columns(file, distanceColumns)
        var issues: [ImportIssue] = []
        var out: [DistanceTable.Pair: Int] = [:]
        for (number, fields) in file.rows {
            func cell(_ key: String) -> String { map[key].flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            func issue(_ key: String, _ message: String, _ args: [String] = []) {
                let i = map[key] ?? 0
                issues.append(ImportIssue(row: number, column: XLSX.columnName(i + 1), header: file.header.indices.contains(i) ? file.header[i] : key, key: message, args: args))
            }
            let from = places[cell("from")], to = places[cell("to")]
            if from == nil { issue("from", "dispatch.import.unknownStation", [cell("from")]) }
            if to == nil { issue("to", "dispatch.import.unknownStation", [cell("to")]) }
            guard let km = Double(cell("km")), km.isFinite, km >= 0, km <= 100_000 else { issue("km", "dispatch.import.badKm", [cell("km")]); continue }
            if let from, let to { out[DistanceTable.Pair(from, to)] = Int((km * 1000).rounded()) }
        }
        if !issues.isEmpty { throw ImportFailed(issues) }
        return out
    }

    /// Header positions of the layout's columns; a missing required column rejects the file.
    static func columns(_ file: TabularFile, _ layout: [(key: String, zh: String, en: String, required: Bool)]) throws(ImportFailed) -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, h) in file.header.enumerated() {
            let text = h.trimmingCharacters(in: .whitespaces).lowercased()
            if let c = layout.first(where: { [$0.zh.lowercased(), $0.en.lowercased(), $0.key.lowercased()].contains(text) }), map[c.key] == nil { map[c.key] = i }
        }
        let missing = layout.filter { $0.required && map[$0.key] == nil }
        if !missing.isEmpty {
            throw ImportFailed(missing.map { ImportIssue(row: file.headerRow, key: "dispatch.import.missingColumn", args: [$0.zh]) })
        }
        return map
    }

    /// The manifests as CSV rows (one row per stop), for printing elsewhere or a spreadsheet.
    public static func manifestRows(_ plan: DispatchPlan, vehicleName: (UUID) -> String, placeName: (UUID) -> String) -> [[String]] {
        var rows = [["车辆 Vehicle", "层级 Tier", "趟次 Trip", "顺序 Order", "站点 Stop", "到达 Arrival", "卸货件数 Unload", "卸货公斤 Unload kg", "装货件数 Load", "装货公斤 Load kg"]]
        for route in plan.routes {
            for (i, s) in route.stops.enumerated() {
                rows.append([vehicleName(route.vehicleID), "\(route.tier)", "\(s.trip + 1)", "\(i + 1)", placeName(s.placeID), clock(s.arrival),
                             "\(s.deliverParcels)", kg(s.deliverGrams), "\(s.collectParcels)", kg(s.collectGrams)])
            }
        }
        return rows
    }

    /// "08:05" from seconds after midnight.
    public static func clock(_ seconds: Int) -> String { String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60) }
    public static func kg(_ grams: Int) -> String { String(format: "%.1f", Double(grams) / 1000) }
}
