import Accounts
import Composition
import Divisions
import Foundation
import StatisticsCore
import Vapor
import XiangcunKit

/// JSON API of 统计监测 (documented in openapi.json): the same figures and scoping as the pages.
struct StatisticsAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .statistics(.county), use: county)
        routes.on(.GET, .statistics(.province), use: province)
        routes.on(.GET, .statistics(.retail), use: retail)
    }

    struct IndicatorDTO: Content {
        var key: String; var unit: String; var period: String; var direction: String
        var value: String?; var target: String?; var completionPercent: String?

        init(_ v: IndicatorValue) {
            key = v.definition.key; unit = v.definition.unit.rawValue; period = v.definition.period.rawValue; direction = v.definition.direction.rawValue
            value = v.value.map { "\($0)" }; target = v.target.map { "\($0)" }; completionPercent = v.completionPercent.map { "\($0)" }
        }
    }

    struct CountyDTO: Content {
        var county: String; var name: String; var asOf: String; var indicators: [IndicatorDTO]; var sample: Bool?
    }

    @Sendable func county(_ req: Request) async throws -> CountyDTO {
        let viewer = try StatisticsViewer.of(req)
        guard let division = try await Division.find(viewer.county.value, on: req.db) else { throw Abort(.notFound) }
        let stats = try await CountyStatistics.load(division, day: try req.queryDay("asOf") ?? .today(), on: req.db)
        return CountyDTO(county: viewer.county.value, name: division.name, asOf: stats.day.iso, indicators: stats.indicators.map(IndicatorDTO.init), sample: nil)
    }

    /// A bounded list (a province's counties, the months asked for) with its count, as other lists answer.
    struct ListDTO<Item: Content>: Content { var items: [Item]; var total: Int }

    @Sendable func province(_ req: Request) async throws -> ListDTO<CountyDTO> {
        let code = try ProvinceDashboardPage.province(req)
        let day = try req.queryDay("asOf") ?? .today()
        let items = try await ProvinceStatistics.rows(province: code, day: day, on: req.db).map {
            CountyDTO(county: $0.county.id ?? "", name: $0.county.name, asOf: day.iso, indicators: $0.indicators.map(IndicatorDTO.init), sample: $0.sample)
        }
        return ListDTO(items: items, total: items.count)
    }

    /// `from`/`to` strictly (400 naming the parameter); province viewers get every county of their province.
    @Sendable func retail(_ req: Request) async throws -> ListDTO<StatisticsReport.Row> {
        let user = try req.require(.readStatistics)
        func month(_ name: String, _ fallback: Month) throws -> Month {
            guard let text = req.query[String.self, at: name] else { return fallback }
            guard let m = Month(text) else { throw Abort(.badRequest, reason: "\(name): not a month (YYYY-MM)") }
            return m
        }
        let to = try month("to", Day.today().monthKey)
        let from = try month("from", Month(year: to.year - 1, month: to.month))
        guard from <= to else { throw Abort(.badRequest, reason: "from: after to") }
        var province: DivisionCode?
        if case .province(let p) = user.scope, req.query[String.self, at: "county"] == nil { province = p }
        let county = province == nil ? try req.requireCounty() : nil
        let counties = try await StatisticsReport.counties(county: county, province: province, on: req.db)
        let items = try await StatisticsReport.rows(counties: counties, from: from, to: to, on: req.db)
        return ListDTO(items: items, total: items.count)
    }
}

extension StatisticsReport.Row: Content {}
