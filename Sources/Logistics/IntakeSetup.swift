import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// What parcel intake needs of a county's setup (收件设置): its carriers, their waybill
/// patterns compiled, and the sorting plan. Read in five queries (a few hundred rows); a server
/// keeps it per county while the county version says nothing it is read from has changed
/// (`IntakeSetupCache` in Web), so a stream of intake batches does not read it every time.
public struct IntakeSetup: Sendable {
    public let carrierCodes: Set<String>
    public let matcher: CarrierMatcher
    public let plan: SortingPlan
    /// Every village code the plan knows by name.
    public let knownVillages: Set<String>

    /// The tables it is read from (besides the service network's and the divisions'); they
    /// bump the county version (`WatchSortingTables`), so a kept setup is never stale.
    public static let tables = [Carrier.schema, StationAlias.schema]

    public init(carriers: [CarrierSpec], plan: SortingPlan) {
        carrierCodes = Set(carriers.map(\.code))
        matcher = CarrierMatcher(carriers)
        self.plan = plan
        knownVillages = Set(plan.villagesNamed.values.joined())
    }

    /// Reads it (writing the default carriers on a county's first use).
    public static func load(county: DivisionCode, on db: any Database) async throws -> IntakeSetup {
        let carriers = try await LogisticsSetup.carriers(county: county, on: db)
        return IntakeSetup(carriers: carriers.map(\.spec), plan: try await LogisticsSetup.sortingPlan(county: county, on: db))
    }
}
