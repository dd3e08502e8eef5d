import Accounts
import Divisions
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

extension Request {
    /// The current programme of the county in view, or 404.
    func programme() async throws -> ProgrammeRecord {
        let county = try requireCounty()
        guard let programme = try await ProgrammeStore.current(county: county, on: db) else { throw Abort(.notFound) }
        return programme
    }

    /// Contractor staff may only report for their own contractors; nil means "any" (the county).
    func reportingContractors(_ programme: ProgrammeRecord) async throws -> [String]? {
        let user = try require(.reportProgress)
        guard user.userRole == .contractor else { return nil }
        return try await ProgrammeEdits.contractorNames(of: try user.requireID(), programme: programme, on: db)
    }

    /// A UUID path parameter or 404.
    func uuid(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    /// The county's short name ("遂昌县") for report titles.
    func countyShortName() async throws -> String {
        let county = try requireCounty()
        return try await Division.find(county.value, on: db)?.name ?? county.short
    }
}

/// Formatting of programme values for pages.
enum ProgrammeFormat {
    /// At most four decimals for display; stored values stay exact.
    static func decimal(_ value: Decimal) -> String {
        var exact = value, rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 4, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    static func target(_ t: TargetPlan) -> String {
        "\(t.metric) \(t.comparator.symbol) \(decimal(t.value)) \(t.unit)"
    }

}
