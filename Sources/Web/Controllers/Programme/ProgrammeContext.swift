import Composition
import Divisions
import Fluent
import ServiceNetwork
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

extension ProgrammeView {
    static func load(_ req: Request, record: ProgrammeRecord? = nil) async throws -> ProgrammeView {
        let programme: ProgrammeRecord
        if let record { programme = record } else { programme = try await req.programme() }
        // Pages and the API may look at the programme as of an earlier date (?asOf=2021-12-02); default today.
        let asOf = try req.queryDay("asOf") ?? .today()
        return try await load(programme, countyName: try await req.countyShortName(), asOf: asOf, on: req.db)
    }
}
