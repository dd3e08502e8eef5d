import Divisions
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

/// The network's indicators read from the database (keys and values: `NetworkIndicator`).
public enum NetworkIndicators {
    /// The value of one indicator for a county at the end of the Beijing day of `asOf`.
    public static func value(_ key: NetworkIndicator, county: DivisionCode, asOf: Date, on db: any Database) async throws -> Int {
        key.value(in: try await NetworkQueries.coverage(county: county, asOf: Day(asOf), on: db))
    }

    /// Every indicator at once (one computation).
    public static func all(county: DivisionCode, asOf: Date, on db: any Database) async throws -> [NetworkIndicator: Int] {
        try await all(county: county, day: Day(asOf), on: db)
    }

    /// Every indicator at the end of a (Beijing) day.
    public static func all(county: DivisionCode, day: Day, on db: any Database) async throws -> [NetworkIndicator: Int] {
        let report = try await NetworkQueries.coverage(county: county, asOf: day, on: db)
        return Dictionary(uniqueKeysWithValues: NetworkIndicator.allCases.map { ($0, $0.value(in: report)) })
    }
}
