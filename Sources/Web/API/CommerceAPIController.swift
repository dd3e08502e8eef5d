import Commerce
import CommerceCore
import Vapor
import XiangcunKit

/// JSON API of the people-and-commerce ledgers (openapi.json). Same rules as the pages:
/// contractors and the county record training; ID numbers and phones come masked (phones whole
/// for roles that may see personal data); another county's ids answer 404.
struct CommerceAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .commerce(.sessions), use: sessions)
        routes.on(.POST, .commerce(.sessions), use: createSession)
        routes.on(.GET, .commerce(.session(Placeholder.id)), use: session)
        routes.on(.GET, .commerce(.attendance(Placeholder.id)), use: attendance)
        routes.on(.POST, .commerce(.attendance(Placeholder.id)), use: sign)
        routes.on(.GET, .commerce(.trainingSummary), use: summary)
        routes.on(.GET, .commerce(.indicators), use: indicators)
        routes.on(.GET, .commerce(.liveEvents), use: liveEvents)
        routes.on(.GET, .commerce(.helpActions), use: helpActions)
    }

    struct SessionDTO: Content {
        var id: UUID?; var kind: String; var title: String; var day: String; var place: String; var trainer: String; var contractor: String
        var hours: Decimal; var materials: String; var paired: Bool; var personTimes: Int; var sample: Bool
        init(_ s: TrainingSession, personTimes: Int) {
            id = s.id; kind = s.kind; title = s.title; day = s.heldOn; place = s.place; trainer = s.trainer; contractor = s.contractorName
            hours = s.hours; materials = s.materials; paired = s.paired; self.personTimes = personTimes; sample = s.sample
        }
    }

    struct SessionInputDTO: Content {
        var kind: String?; var title: String?; var day: String?; var place: String?; var trainer: String?; var contractor: String?
        var hours: String?; var materials: String?; var paired: Bool?
    }

    struct AttendeeDTO: Content {
        var id: UUID?; var name: String; var idNumber: String; var phone: String?; var township: String?; var village: String; var groups: [String]
        init(_ t: Trainee, viewer: CommerceViewer) {
            id = t.id; name = t.name; idNumber = t.maskedIDNumber; phone = CommerceAccess.phone(t.phone, role: viewer.role)
            township = t.townshipCode; village = t.village; groups = AttendeeGroup.decode(t.groups).map(\.rawValue)
        }
    }

    struct AttendeeInputDTO: Content {
        var name: String?; var idNumber: String?; var phone: String?; var township: String?; var village: String?; var groups: String?
    }

    func page(_ req: Request) throws -> (Int, Int) {
        (try req.apiInt("page", in: 1...100_000) ?? 1, try req.apiInt("per", in: 1...200) ?? 50)
    }

    @Sendable func sessions(_ req: Request) async throws -> APIController.ListDTO<SessionDTO> {
        let viewer = try req.commerceViewer()
        let (page, per) = try page(req)
        let (items, total) = try await TrainingQueries.sessions(county: viewer.county, paired: try req.apiBool("paired"), page: page, per: per, on: req.db)
        let figures = try await TrainingQueries.figures(sessions: items.compactMap(\.id), on: req.db)
        return APIController.ListDTO(items: items.map { SessionDTO($0, personTimes: figures[$0.id ?? UUID()] ?? 0) }, total: total)
    }

    @Sendable func createSession(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let dto = try req.content.decode(SessionInputDTO.self)
        var input = SessionInput()
        input.kind = dto.kind ?? ""; input.title = dto.title ?? ""; input.day = dto.day ?? ""; input.place = dto.place ?? ""
        input.trainer = dto.trainer ?? ""; input.contractor = dto.contractor ?? ""; input.hours = dto.hours ?? ""; input.materials = dto.materials ?? ""
        input.paired = dto.paired ?? false
        let s = try await TrainingService.createSession(input, county: viewer.county, actor: req.actor, on: req.db)
        return try await SessionDTO(s, personTimes: 0).encodeResponse(status: .created, for: req)
    }

    func findSession(_ req: Request, _ viewer: CommerceViewer) async throws -> TrainingSession {
        guard let id = req.parameters.get("id", as: UUID.self), let s = try await TrainingQueries.session(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        return s
    }

    @Sendable func session(_ req: Request) async throws -> SessionDTO {
        let viewer = try req.commerceViewer()
        let s = try await findSession(req, viewer)
        return SessionDTO(s, personTimes: try await TrainingQueries.figures(sessions: [try s.requireID()], on: req.db)[try s.requireID()] ?? 0)
    }

    @Sendable func attendance(_ req: Request) async throws -> APIController.ListDTO<AttendeeDTO> {
        let viewer = try req.commerceViewer()
        let s = try await findSession(req, viewer)
        let people = try await TrainingQueries.attendees(of: try s.requireID(), on: req.db)
        return APIController.ListDTO(items: people.map { AttendeeDTO($0, viewer: viewer) }, total: people.count)
    }

    @Sendable func sign(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let s = try await findSession(req, viewer)
        let dto = try req.content.decode(AttendeeInputDTO.self)
        let input = AttendeeInput(name: dto.name ?? "", idNumber: dto.idNumber ?? "", phone: dto.phone ?? "", township: dto.township ?? "",
                                  village: dto.village ?? "", groups: dto.groups ?? "")
        let t = try await TrainingService.addAttendee(input, to: s, actor: req.actor, on: req.db)
        return try await AttendeeDTO(t, viewer: viewer).encodeResponse(status: .created, for: req)
    }

    struct FigureDTO: Content { var personTimes: Int; var people: Int }
    struct SummaryDTO: Content {
        var total: FigureDTO; var sessionsByKind: [String: Int]; var byKind: [String: FigureDTO]; var byGroup: [String: FigureDTO]
        var byTownship: [String: FigureDTO]; var converted: Int; var conversionRate: Decimal?; var leaders: Int; var paired: FigureDTO
    }

    @Sendable func summary(_ req: Request) async throws -> SummaryDTO {
        let viewer = try req.commerceViewer()
        let l = try await TrainingQueries.ledger(county: viewer.county, on: req.db)
        let p = try await TrainingQueries.totals(county: viewer.county, paired: true, through: .today(), on: req.db)
        func dto(_ f: TrainingFigure) -> FigureDTO { FigureDTO(personTimes: f.personTimes, people: f.people) }
        let t = l.tally
        return SummaryDTO(total: dto(t.total), sessionsByKind: Dictionary(uniqueKeysWithValues: t.sessionsByKind.map { ($0.key.rawValue, $0.value) }),
                          byKind: Dictionary(uniqueKeysWithValues: t.byKind.map { ($0.key.rawValue, dto($0.value)) }),
                          byGroup: Dictionary(uniqueKeysWithValues: t.byGroup.map { ($0.key.rawValue, dto($0.value)) }),
                          byTownship: t.byTownship.mapValues(dto), converted: l.converted, conversionRate: l.conversionRate, leaders: l.leaders, paired: dto(p))
    }

    struct IndicatorsDTO: Content { var county: String; var asOf: String; var values: [String: Decimal] }

    /// The source keys and their values for the county at the end of a day (`asOf`, default today).
    @Sendable func indicators(_ req: Request) async throws -> IndicatorsDTO {
        let viewer = try req.commerceViewer()
        let day = try req.apiDay("asOf") ?? .today()
        return IndicatorsDTO(county: viewer.county.value, asOf: day.iso, values: try await CommerceIndicators.all(county: viewer.county, day: day, on: req.db))
    }

    struct LiveEventDTO: Content {
        var id: UUID?; var room: UUID; var anchor: UUID?; var day: String; var title: String; var products: String; var minutes: Int
        var viewers: Int; var orders: Int; var gmvFen: Int64; var sample: Bool
    }

    @Sendable func liveEvents(_ req: Request) async throws -> APIController.ListDTO<LiveEventDTO> {
        let viewer = try req.commerceViewer()
        let (page, per) = try page(req)
        let (items, total) = try await CommerceQueries.liveEvents(county: viewer.county, page: page, per: per, on: req.db)
        return APIController.ListDTO(items: items.map { e in
            LiveEventDTO(id: e.id, room: e.roomID, anchor: e.anchorID, day: e.heldOn, title: e.title, products: e.products, minutes: e.minutes,
                         viewers: e.viewers, orders: e.orders, gmvFen: e.gmvFen, sample: e.sample)
        }, total: total)
    }

    struct HelpActionDTO: Content {
        var id: UUID?; var household: UUID?; var paired: Bool; var kind: String; var day: String; var product: String; var quantity: Int
        var unit: String; var unitPriceFen: Int64; var premiumFen: Int64; var amountFen: Int64; var jobs: Int; var note: String; var sample: Bool
    }

    @Sendable func helpActions(_ req: Request) async throws -> APIController.ListDTO<HelpActionDTO> {
        let viewer = try req.commerceViewer()
        let (page, per) = try page(req)
        let (items, total) = try await CommerceQueries.helpActions(county: viewer.county, page: page, per: per, on: req.db)
        return APIController.ListDTO(items: items.map { a in
            HelpActionDTO(id: a.id, household: a.householdID, paired: a.paired, kind: a.kind, day: a.happenedOn, product: a.product, quantity: a.quantity,
                          unit: a.unit, unitPriceFen: a.unitPriceFen, premiumFen: a.premiumFen, amountFen: a.amountFen, jobs: a.jobs, note: a.note, sample: a.sample)
        }, total: total)
    }
}
