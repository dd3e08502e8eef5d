import Programme
import Vapor

/// The public disclosure page (政务公开) and its evidence files: no sign-in.
struct DisclosureController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.disclosure(":county")) { req in try await ProgrammeController.render(req, DisclosurePage.view, try await DisclosurePage.load(req)) }
        routes.get(.publicEvidence(":county", Placeholder.id), use: evidence)
    }

    /// Only evidence marked public of a verified report of this county (`Evidence.published`).
    @Sendable func evidence(_ req: Request) async throws -> Response {
        let (code, _) = try await DisclosurePage.county(req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await Evidence.published(id, county: code.value, on: req.db) else { throw Abort(.notFound) }
        return try ProgrammeController.send(record, req)
    }
}
