import Audit
import Logistics
import LogisticsCore
import Vapor
import XiangcunKit

/// JSON API of logistics under /api/v1/logistics (openapi.json): bulk intake and scans for
/// scanners and carriers' systems (idempotent: resending a batch changes nothing and answers
/// `duplicate` per item), the stations' loads for a day, and the statistics.
struct LogisticsAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, .logistics(.parcels), limit: "8mb", use: parcels)
        routes.on(.POST, .logistics(.scans), limit: "8mb", use: scans)
        routes.on(.GET, .logistics(.loads), use: loads)
        routes.on(.GET, .logistics(.stats), use: stats)
    }

    static func checkSize(_ count: Int) throws {
        var failure = ValidationFailure()
        if count == 0 { failure.add("items", "error.required") }
        if count > ParcelIngest.maxBatch { failure.add("items", "logistics.error.batch", "\(ParcelIngest.maxBatch)") }
        try failure.throwIfAny()
    }

    /// Batches worked on at once, two per core; the others wait their turn before their JSON is
    /// decoded. It bounds the memory of many clients at once (`bench ingest --clients 8`: 137 MB
    /// peak with one per core, 157 MB without a bound). Two per core, not one: while a batch waits
    /// on the database another is decoded and checked (PostgreSQL on 2 cores, 4 clients: 14,900
    /// scans/s with 4 at once, 12,700 with 2).
    static let batches = AsyncGate(capacity: 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// The reply is sent only after the batch's transaction committed.
    @Sendable func parcels(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireHandle()
        return try await Self.batches.around { try await parcels(req, viewer) }
    }

    func parcels(_ req: Request, _ viewer: LogisticsViewer) async throws -> Response {
        let items = try LogisticsBatchJSON.items(req, LogisticsBatchJSON.parcel)
        try Self.checkSize(items.count)
        let setup = try await req.application.intakeSetupCache.setup(county: viewer.county, on: req.db)
        let results = try await ParcelIngest.ingest(items, county: viewer.county, actor: req.actor, setup: setup, on: req.db)
        return LogisticsBatchJSON.reply(results, outcome: \.outcome, write: LogisticsBatchJSON.write)
    }

    @Sendable func scans(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        guard !viewer.scanKinds.isEmpty else { throw Abort(.forbidden) }
        return try await Self.batches.around { try await scans(req, viewer) }
    }

    func scans(_ req: Request, _ viewer: LogisticsViewer) async throws -> Response {
        let items = try LogisticsBatchJSON.items(req, LogisticsBatchJSON.scan)
        try Self.checkSize(items.count)
        var failure = ValidationFailure()
        for (i, item) in items.enumerated() where !viewer.scanKinds.contains(item.kind) { failure.add("items[\(i)].kind", "logistics.error.kind") }
        try failure.throwIfAny()
        let station = viewer.isOperator ? (viewer.ownStation ?? UUID()) : nil
        let results = try await ScanRecorder.record(items, county: viewer.county, actor: req.actor, station: station, on: req.db)
        return LogisticsBatchJSON.reply(results, outcome: \.outcome, write: LogisticsBatchJSON.write)
    }

    struct LoadDTO: Content {
        var station: UUID; var inboundParcels: Int; var inboundKg: Double; var outboundParcels: Int; var outboundKg: Double
    }

    @Sendable func loads(_ req: Request) async throws -> APIController.ListDTO<LoadDTO> {
        let viewer = try await req.logisticsViewer()
        guard viewer.readsCounty || viewer.isDriver else { throw Abort(.forbidden) }
        let day = try req.queryDay("day") ?? .today()
        let loads = try await LogisticsLoads.stationLoads(county: viewer.county, day: day, on: req.db).values.sorted { $0.stationID.uuidString < $1.stationID.uuidString }
        let items = loads.map { LoadDTO(station: $0.stationID, inboundParcels: $0.inboundParcels, inboundKg: $0.inboundKg, outboundParcels: $0.outboundParcels, outboundKg: $0.outboundKg) }
        return APIController.ListDTO(items: items, total: items.count)
    }

    @Sendable func stats(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireCountyWide()
        let to = try req.queryDay("to") ?? .today()
        let from = try req.queryDay("from") ?? to.adding(days: -29)
        guard from <= to, from.days(until: to) <= 366 else { throw Abort(.badRequest, reason: "from: a day before to, at most 366 days earlier") }
        let report = try await LogisticsStats.report(county: viewer.county, from: from, to: to, on: req.db)
        let response = Response(status: .ok, body: .init(data: try LogisticsExport.json(report)))
        response.headers.contentType = .json
        return response
    }
}
