import Documents
import Foundation
import XiangcunKit

/// The coverage report as files (xlsx / csv / json), shared by the web and the CLI.
public enum CoverageExport {
    public static func header(_ language: Language) -> [String] {
        ["network.coverage.township", "network.coverage.hasStation", "network.coverage.villages", "network.coverage.covered",
         "network.coverage.rate", "network.coverage.stationsOperating", "network.coverage.stationsPlanned", "network.coverage.uncovered"]
            .map { Catalogue.text($0, language) }
    }

    public static func rows(_ report: CoverageReport, language: Language) -> [[String]] {
        let yes = Catalogue.text("common.yes", language), no = Catalogue.text("common.no", language)
        return report.townships.map { t in
            [t.name, t.hasStation ? yes : no, "\(t.villages)", "\(t.coveredVillages)", t.rate?.percentText ?? "—",
             "\(t.villageStationsOperating)", "\(t.villageStationsPlanned)", t.uncovered.map(\.name).joined(separator: "、")]
        }
    }

    public static func totalRow(_ report: CoverageReport, language: Language) -> [String] {
        [Catalogue.text("network.coverage.total", language), "\(report.townshipsWithStation)/\(report.townshipCount)", "\(report.villages)",
         "\(report.coveredVillages)", report.villageRate?.percentText ?? "—", "\(report.count(.villageStation, .operating))",
         "\(report.planned(.villageStation))", "\(report.uncoveredVillages.count)"]
    }

    public static func csv(_ report: CoverageReport, encoding: CSV.OutputEncoding = .utf8WithBOM) throws -> Data {
        try CSV.write([header(.zh)] + rows(report, language: .zh) + [totalRow(report, language: .zh)], encoding: encoding)
    }

    public static func xlsx(_ report: CoverageReport, countyName: String) throws -> Data {
        func rate(_ r: Rate?) -> XLSX.Cell {
            guard let r else { return .empty }
            return .percent(Decimal(r.numerator) / Decimal(r.denominator))
        }
        let yes = "是", no = "否"
        let body: [[XLSX.Cell]] = report.townships.map { t in
            [.text(t.name), .text(t.hasStation ? yes : no), .integer(t.villages), .integer(t.coveredVillages), rate(t.rate),
             .integer(t.villageStationsOperating), .integer(t.villageStationsPlanned), .text(t.uncovered.map(\.name).joined(separator: "、"))]
        }
        let total: [XLSX.Cell] = [.text("合计"), .text("\(report.townshipsWithStation)/\(report.townshipCount)"), .integer(report.villages),
                                  .integer(report.coveredVillages), rate(report.villageRate), .integer(report.count(.villageStation, .operating)),
                                  .integer(report.planned(.villageStation)), .integer(report.uncoveredVillages.count)]
        let main = XLSX.Sheet(name: "覆盖情况", title: "\(countyName)电商服务站点覆盖情况（截至 \(report.asOf.iso)）", header: header(.zh),
                              rows: body, totalRow: total, columnWidths: [7: 60], landscape: true)
        let uncovered = XLSX.Sheet(name: "未覆盖行政村", header: ["区划代码", "行政村", "乡镇"],
                                   rows: report.uncoveredVillages.map { v in
                                       [.text(v.code), .text(v.name), .text(report.townships.first { $0.code == v.township }?.name ?? "")]
                                   })
        let indicators = XLSX.Sheet(name: "指标", header: ["指标", "代码", "数值"],
                                    rows: NetworkIndicator.allCases.map { [.text(Catalogue.text($0.messageKey, .zh)), .text($0.rawValue), .integer($0.value(in: report))] })
        return try XLSX.write(XLSX.Workbook(sheets: [main, uncovered, indicators], title: "覆盖情况", author: countyName))
    }

    public struct JSONReport: Codable, Sendable {
        public var county: String
        public var asOf: String
        public var indicators: [String: Int]
        public var villageRate: String?
        public var townshipRate: String?
        public var townships: [TownshipCoverage]
    }

    public static func json(_ report: CoverageReport, county: DivisionCode) -> JSONReport {
        JSONReport(county: county.value, asOf: report.asOf.iso,
                   indicators: Dictionary(uniqueKeysWithValues: NetworkIndicator.allCases.map { ($0.rawValue, $0.value(in: report)) }),
                   villageRate: report.villageRate?.percentText, townshipRate: report.townshipRate?.percentText, townships: report.townships)
    }

    public static func jsonData(_ report: CoverageReport, county: DivisionCode) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(json(report, county: county))
    }
}
