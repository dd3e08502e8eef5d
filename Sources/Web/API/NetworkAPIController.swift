import Accounts
import Composition
import Divisions
import Fluent
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// JSON API of the service network under /api/v1/network (documented in openapi.json).
/// Same rules as the pages: operators see and edit only their station; administrators manage
/// the county; other roles read. Records of other counties answer 404.
struct NetworkAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .facilities, use: list)
        routes.on(.POST, .facilities, use: create)
        routes.on(.GET, .facility(Placeholder.id), use: read)
        routes.on(.PATCH, .facility(Placeholder.id), use: update)
        routes.on(.GET, .facilityRecords(Placeholder.id), use: records)
        routes.on(.POST, .facilityRecords(Placeholder.id), use: saveRecord)
        routes.on(.GET, .services, use: services)
        routes.on(.POST, .services, use: addService)
        routes.on(.GET, .coverage, use: coverage)
        routes.on(.GET, .reporting, use: reporting)
    }

    struct FacilityDTO: Content {
        var id: UUID?; var county: String; var type: String; var name: String; var divisionCode: String; var address: String
        var latitude: Double?; var longitude: Double?; var areaM2: Int?; var operatorName: String; var operatorPhone: String?
        var servicePhone: String?; var contractorName: String?; var openingHours: String; var status: String; var statusSince: String
        var signage: Bool; var demonstration: Bool; var skuCount: Int?; var populationServed: Int?; var deliveryRadiusKm: Double?
        var storageKind: String?; var notes: String; var services: [String]; var servedDivisions: [String]; var sample: Bool

        init(_ f: Facility, viewer: NetworkViewer, services: [String], served: [String]) {
            id = f.id; county = f.countyCode; type = f.type; name = f.name; divisionCode = f.divisionCode; address = f.address
            latitude = f.latitude; longitude = f.longitude; areaM2 = f.areaM2; operatorName = f.operatorName
            operatorPhone = viewer.operatorPhone(f)
            servicePhone = f.servicePhone; contractorName = f.contractorName; openingHours = f.openingHours; status = f.status
            statusSince = f.statusSince; signage = f.signage; demonstration = f.demonstration; skuCount = f.skuCount
            populationServed = f.populationServed; deliveryRadiusKm = f.deliveryRadiusKm; storageKind = f.storageKind; notes = f.notes
            self.services = services; servedDivisions = served; sample = f.sample
        }
    }

    @Sendable func list(_ req: Request) async throws -> APIController.ListDTO<FacilityDTO> {
        let viewer = try await req.networkViewer()
        // Every parameter is validated before any answer is decided, so a bad `status` is a 400
        // even when the township alone would already give an empty list.
        let township = req.query[String.self, at: "township"]
        let filter = FacilityFilter(type: try req.apiEnum("type", FacilityType.self), status: try req.apiEnum("status", FacilityStatus.self),
                                    township: township)
        if let township, (try? DivisionCode(township))?.level != .township {
            guard township.count == 12, township.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Abort(.badRequest, reason: "township: a 12-digit township code")
            }
            return APIController.ListDTO(items: [], total: 0) // well-formed, but no such township
        }
        let facilities = try await NetworkQueries.facilities(county: viewer.county, filter: filter, on: req.db).filter(viewer.canSee)
        let services = try await NetworkQueries.servicesByFacility(county: viewer.county, on: req.db)
        let served = try await NetworkQueries.servedByFacility(county: viewer.county, on: req.db)
        let items = facilities.map { f in FacilityDTO(f, viewer: viewer, services: services[f.id ?? UUID()] ?? [], served: served[f.id ?? UUID()] ?? []) }
        return APIController.ListDTO(items: items, total: items.count)
    }

    func dto(_ f: Facility, _ viewer: NetworkViewer, _ db: any Database) async throws -> FacilityDTO {
        let current = try await NetworkQueries.input(of: f, on: db)
        return FacilityDTO(f, viewer: viewer, services: current.services, served: current.servedDivisions)
    }

    @Sendable func read(_ req: Request) async throws -> FacilityDTO {
        let viewer = try await req.networkViewer()
        return try await dto(try await req.visibleFacility(viewer), viewer, req.db)
    }

    /// Create (all fields) or update (the fields given) a facility.
    struct FacilityInputDTO: Content {
        var type: String?; var name: String?; var divisionCode: String?; var address: String?; var latitude: Double?; var longitude: Double?
        var areaM2: Int?; var operatorName: String?; var operatorPhone: String?; var servicePhone: String?; var contractorName: String?
        var openingHours: String?; var status: String?; var statusSince: String?; var signage: Bool?; var demonstration: Bool?
        var skuCount: Int?; var populationServed: Int?; var deliveryRadiusKm: Double?; var storageKind: String?; var notes: String?
        var services: [String]?; var servedDivisions: [String]?

        func merged(into base: FacilityInput) -> FacilityInput {
            var i = base
            if let type { i.type = type }; if let name { i.name = name }; if let divisionCode { i.divisionCode = divisionCode }
            if let address { i.address = address }; if let latitude { i.latitude = "\(latitude)" }; if let longitude { i.longitude = "\(longitude)" }
            if let areaM2 { i.areaM2 = "\(areaM2)" }; if let operatorName { i.operatorName = operatorName }
            if let operatorPhone { i.operatorPhone = operatorPhone }; if let servicePhone { i.servicePhone = servicePhone }
            if let contractorName { i.contractorName = contractorName }; if let openingHours { i.openingHours = openingHours }
            if let status { i.status = status }; if let statusSince { i.statusSince = statusSince }
            if let signage { i.signage = signage }; if let demonstration { i.demonstration = demonstration }
            if let skuCount { i.skuCount = "\(skuCount)" }; if let populationServed { i.populationServed = "\(populationServed)" }
            if let deliveryRadiusKm { i.deliveryRadiusKm = "\(deliveryRadiusKm)" }; if let storageKind { i.storageKind = storageKind }
            if let notes { i.notes = notes }; if let services { i.services = services }; if let servedDivisions { i.servedDivisions = servedDivisions }
            return i
        }
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let input = try req.content.decode(FacilityInputDTO.self).merged(into: FacilityInput())
        let f = try await NetworkService.create(input, county: viewer.county, actor: req.actor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try await dto(f, viewer, req.db))
        response.headers.replaceOrAdd(name: .location, value: APIURL.facility(try f.requireID()).path)
        return response
    }

    /// Administrators may change every field (a new status or status day adds a history entry);
    /// operators only opening hours, service phone and services of their own station.
    @Sendable func update(_ req: Request) async throws -> FacilityDTO {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let patch = try req.content.decode(FacilityInputDTO.self)
        let current = try await NetworkQueries.input(of: f, on: req.db)
        if viewer.canManage {
            try await NetworkService.update(f, with: patch.merged(into: current), actor: req.actor, on: req.db)
        } else {
            let others: [Any?] = [patch.type, patch.name, patch.divisionCode, patch.address, patch.latitude, patch.longitude, patch.areaM2,
                                  patch.operatorName, patch.operatorPhone, patch.contractorName, patch.status, patch.statusSince, patch.signage,
                                  patch.demonstration, patch.skuCount, patch.populationServed, patch.deliveryRadiusKm, patch.storageKind,
                                  patch.notes, patch.servedDivisions]
            let onlyOperational = others.allSatisfy { $0 == nil }
            guard onlyOperational else { throw Abort(.forbidden, reason: "station operators may change openingHours, servicePhone and services only") }
            try await NetworkService.updateOperational(f, openingHours: patch.openingHours ?? current.openingHours, servicePhone: patch.servicePhone ?? current.servicePhone,
                                                       services: patch.services ?? current.services, actor: req.actor, on: req.db)
        }
        return try await dto(f, viewer, req.db)
    }

    struct RecordDTO: Content {
        var id: UUID?; var facilityID: UUID; var month: String; var parcelsIn: Int; var parcelsOut: Int; var purchaseOrders: Int
        /// Amounts in yuan as exact decimal text ("1234.50").
        var purchaseAmount: String; var saleOrders: Int; var saleAmount: String; var billPayments: Int; var otherServices: Int
        var submittedAt: Date; var onTime: Bool

        init(_ r: OperatingRecord) {
            id = r.id; facilityID = r.facilityID; month = r.month; parcelsIn = r.parcelsIn; parcelsOut = r.parcelsOut
            purchaseOrders = r.purchaseOrders; purchaseAmount = Money(fen: r.purchaseFen).yuanText; saleOrders = r.saleOrders
            saleAmount = Money(fen: r.saleFen).yuanText; billPayments = r.billPayments; otherServices = r.otherServices
            submittedAt = r.submittedAt; onTime = r.isOnTime
        }
    }

    @Sendable func records(_ req: Request) async throws -> APIController.ListDTO<RecordDTO> {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        let list = try await NetworkQueries.records(of: try f.requireID(), on: req.db).map(RecordDTO.init)
        return APIController.ListDTO(items: list, total: list.count)
    }

    struct RecordInputDTO: Content {
        var month: String; var parcelsIn: Int?; var parcelsOut: Int?; var purchaseOrders: Int?; var purchaseAmount: String?
        var saleOrders: Int?; var saleAmount: String?; var billPayments: Int?; var otherServices: Int?
        /// Save even when the figures look implausible.
        var confirmed: Bool?
    }

    struct WarningsDTO: Content {
        var type = "about:blank"; var title = "Conflict"; var status = 409
        var detail = "figures look implausible; check them and send again with confirmed: true"
        var warnings: [Plausibility.Warning]
    }

    @Sendable func saveRecord(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let input = try req.content.decode(RecordInputDTO.self)
        guard let month = Month(input.month) else { throw ValidationFailure(["month": "network.import.month"]) }
        var failure = ValidationFailure()
        func money(_ text: String?, _ field: String) -> Money {
            guard let text, !text.isEmpty else { return .zero }
            guard let m = try? Money(yuan: text) else { failure.add(field, "network.import.amount"); return .zero }
            return m
        }
        let values = RecordValues(parcelsIn: input.parcelsIn ?? 0, parcelsOut: input.parcelsOut ?? 0, purchaseOrders: input.purchaseOrders ?? 0,
                                  purchaseAmount: money(input.purchaseAmount, "purchaseAmount"), saleOrders: input.saleOrders ?? 0,
                                  saleAmount: money(input.saleAmount, "saleAmount"), billPayments: input.billPayments ?? 0, otherServices: input.otherServices ?? 0)
        try failure.throwIfAny()
        switch try await NetworkService.saveRecord(f, month: month, values: values, confirmed: input.confirmed ?? false, actor: req.actor, on: req.db) {
        case .saved(let record):
            let response = Response(status: .created)
            try response.content.encode(RecordDTO(record))
            return response
        case .needsConfirmation(let warnings):
            let response = Response(status: .conflict)
            try response.content.encode(WarningsDTO(warnings: warnings))
            response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
            return response
        }
    }

    struct ServiceDTO: Content { var code: String; var name: String; var nameEn: String; var custom: Bool }

    /// The same rule as the catalogue page: county-wide readers only, not station operators.
    @Sendable func services(_ req: Request) async throws -> APIController.ListDTO<ServiceDTO> {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let list = try await NetworkQueries.catalogue(county: viewer.county, on: req.db).map { ServiceDTO(code: $0.code, name: $0.zh, nameEn: $0.en, custom: $0.custom) }
        return APIController.ListDTO(items: list, total: list.count)
    }

    struct NewServiceDTO: Content { var name: String }

    @Sendable func addService(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let input = try req.content.decode(NewServiceDTO.self)
        let s = try await NetworkService.addService(name: input.name, county: viewer.county, actor: req.actor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(ServiceDTO(code: s.code, name: s.name, nameEn: s.name, custom: true))
        return response
    }

    @Sendable func coverage(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let day = try req.queryDay("asOf") ?? .today()
        let report = CoverageExport.json(try await CachedFigures.coverage(county: viewer.county, asOf: day, on: req.db), county: viewer.county)
        let response = Response(status: .ok)
        try response.content.encode(report, as: .json)
        return response
    }

    struct ReportingDTO: Content {
        var month: String; var expected: Int; var reported: Int; var onTime: Int; var reportingRate: String?; var onTimeRate: String?
        var missing: [UUID]; var late: [UUID]
    }

    @Sendable func reporting(_ req: Request) async throws -> APIController.ListDTO<ReportingDTO> {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let through: Month
        if let text = req.query[String.self, at: "month"] {
            guard let m = Month(text) else { throw Abort(.badRequest, reason: "month: a month (YYYY-MM)") }
            through = m
        } else { through = Day.today().monthKey.previous }
        let months = try req.apiInt("months", in: 1...36) ?? 12
        let list = try await NetworkQueries.completeness(county: viewer.county, through: through, months: months, on: req.db).map {
            ReportingDTO(month: $0.month, expected: $0.expected, reported: $0.reported, onTime: $0.onTime, reportingRate: $0.reportingRate?.percentText,
                         onTimeRate: $0.onTimeRate?.percentText, missing: $0.missing, late: $0.late)
        }
        return APIController.ListDTO(items: list, total: list.count)
    }
}
