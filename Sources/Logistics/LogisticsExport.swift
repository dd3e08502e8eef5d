import Documents
import Foundation
import LogisticsCore
import XiangcunKit

/// The statistics as files: Excel (one sheet per table), CSV (the per-station table with the
/// township and county rows), JSON (for the CLI and other systems).
public enum LogisticsExport {
    static let header = ["级别", "名称", "代码", "下行件数", "上行件数", "到站件数", "有投递的天数", "中位天数", "P90 天数", "2 天内到站占比",
                         "每周取件数", "每周揽收天数", "异常件", "退回", "丢失"]

    static func cells(_ level: String, _ l: ServiceLevel, days: Int) -> [String] {
        [level, l.name, l.code, "\(l.inbound)", "\(l.outbound)", "\(l.arrived)", "\(l.deliveryDays.count)", l.transit.median.map { "\($0)" } ?? "",
         l.transit.p90.map { "\($0)" } ?? "", l.transit.withinTwoDaysBasisPoints.map { String(format: "%.2f%%", Double($0) / 100) } ?? "",
         String(format: "%.1f", l.pickUpsPerWeek(days: days)), String(format: "%.1f", l.collectionsPerWeek(days: days)),
         "\(l.exceptions)", "\(l.returned)", "\(l.lost)"]
    }

    static func levelRows(_ r: LogisticsReport) -> [[String]] {
        [cells("县", r.total, days: r.days)] + r.townships.map { cells("乡镇", $0, days: r.days) } + r.stations.map { cells("站点", $0, days: r.days) }
    }

    public static func csv(_ r: LogisticsReport) throws -> Data {
        try CSV.write([header] + levelRows(r))
    }

    public static func xlsx(_ r: LogisticsReport, countyName: String) throws -> Data {
        func number(_ text: String) -> XLSX.Cell { Int(text).map { .integer($0) } ?? .text(text) }
        let levels = XLSX.Sheet(name: "服务水平", title: "\(countyName)农村物流服务水平（\(r.from.iso) 至 \(r.to.iso)）", header: header,
                                rows: levelRows(r).map { $0.map(number) }, landscape: true)
        let carriers = XLSX.Sheet(name: "按快递公司", header: ["快递公司", "下行", "上行"],
                                  rows: r.byCarrier.map { [.text($0.carrier), .integer(Int($0.inbound)), .integer(Int($0.outbound))] })
        let days = XLSX.Sheet(name: "按日", header: ["日期", "下行", "上行"],
                              rows: r.byDay.map { [.text($0.day), .integer(Int($0.inbound)), .integer(Int($0.outbound))] })
        let summary = XLSX.Sheet(name: "汇总", header: ["项目", "数值"], rows: [
            ["下行件数", .integer(Int(r.total.inbound))], ["上行件数", .integer(Int(r.total.outbound))],
            ["每件成本（元）", .text(r.costPerParcel?.yuanText ?? "")], ["每件为村民节省（元）", .text(r.savingPerParcel.yuanText)],
            ["估算节省（元）", .text(r.saving.yuanText)],
        ])
        return try XLSX.write(XLSX.Workbook(sheets: [summary, levels, carriers, days], title: "农村物流统计", author: countyName))
    }

    public struct JSONReport: Codable, Sendable {
        public var county: String
        public var from: String
        public var to: String
        public var inbound: Int64
        public var outbound: Int64
        public var medianDays: Int?
        public var p90Days: Int?
        public var withinTwoDaysPercent: Double?
        public var costPerParcelYuan: String?
        public var savingYuan: String
        public var levels: [[String: String]]
    }

    public static func json(_ r: LogisticsReport) throws -> Data {
        let rows = levelRows(r).map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let report = JSONReport(county: r.county, from: r.from.iso, to: r.to.iso, inbound: r.total.inbound, outbound: r.total.outbound,
                                medianDays: r.total.transit.median, p90Days: r.total.transit.p90,
                                withinTwoDaysPercent: r.total.transit.withinTwoDaysBasisPoints.map { Double($0) / 100 },
                                costPerParcelYuan: r.costPerParcel?.yuanText, savingYuan: r.saving.yuanText, levels: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(report)
    }
}
