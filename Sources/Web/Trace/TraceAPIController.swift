import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// JSON API of 农产品与追溯 (openapi.json): EPCIS 2.0 capture and query, the catalogue,
/// batches and a batch's recall scope. Same access rules as the pages.
struct TraceAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, APIURL.trace(.capture).pattern, limit: "20mb", use: capture)
        routes.on(.GET, .trace(.events), use: events)
        routes.on(.GET, .trace(.products), use: products)
        routes.on(.GET, .trace(.batches), use: batches)
        routes.on(.GET, .trace(.batchRecall(Placeholder.id)), use: recall)
    }

    struct CaptureDTO: Content { var stored: Int; var duplicates: Int }

    /// EPCIS capture: one JSON-LD `EPCISDocument`, stored whole or refused whole (400 naming
    /// the event and field); events whose `eventID` is already stored are skipped.
    @Sendable func capture(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        guard v.canManage else { throw Abort(.forbidden) }
        guard let buffer = req.body.data else { throw Abort(.badRequest, reason: "document: a JSON-LD EPCISDocument body is required") }
        let events: [EPCISEvent]
        do { events = try EPCISDocument.decode(Data(buffer: buffer)) } catch { throw Abort(.badRequest, reason: error.message) }
        let result = try await TraceEvents.capture(events, county: v.county.value, on: req.db)
        return try await CaptureDTO(stored: result.stored, duplicates: result.duplicates).encodeResponse(status: .created, for: req)
    }

    /// EPCIS query with the common filters; answers an EPCIS document (one page, `perPage`
    /// events, `page` from 1; the total in `X-Total-Count`).
    @Sendable func events(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        if v.ownProducers != nil { throw Abort(.forbidden) }
        var f = TraceEvents.Filter()
        f.eventType = try req.apiEnum("eventType", EPCISEvent.Kind.self)?.rawValue
        f.from = try Self.time(req, "GE_eventTime")
        f.until = try Self.time(req, "LT_eventTime")
        f.bizStep = req.query[String.self, at: "EQ_bizStep"]
        f.bizLocation = req.query[String.self, at: "EQ_bizLocation"]
        f.anyEPC = req.query[String.self, at: "MATCH_anyEPC"]
        let per = try req.apiInt("perPage", in: 1...1000) ?? 100
        let page = try req.apiInt("page", in: 1...100_000) ?? 1
        let (list, total) = try await TraceEvents.query(county: v.county.value, f, page: page, per: per, on: req.db)
        let response = Response(status: .ok, body: .init(data: try EPCISDocument.encode(list)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/ld+json")
        response.headers.replaceOrAdd(name: "X-Total-Count", value: "\(total)")
        return response
    }

    static func time(_ req: Request, _ name: String) throws -> Date? {
        guard let text = req.query[String.self, at: name] else { return nil }
        guard let d = EPCISTime.parse(text) else { throw Abort(.badRequest, reason: "\(name): an ISO 8601 date-time with zone") }
        return d
    }

    struct ProductDTO: Content {
        var id: UUID?; var code: String; var name: String; var category: String; var specification: String; var unit: String
        var season: String; var annualOutput: Int; var grade: String; var gtin: String?; var bestseller: Bool; var sample: Bool
        init(_ p: Product) {
            id = p.id; code = p.code; name = p.name; category = p.category; specification = p.specification; unit = p.unit
            season = p.season; annualOutput = p.annualOutput; grade = p.grade; gtin = p.gtin; bestseller = p.bestseller; sample = p.sample
        }
    }

    @Sendable func products(_ req: Request) async throws -> APIController.ListDTO<ProductDTO> {
        let v = try await req.traceViewer()
        let page = try req.apiInt("page", in: 1...100_000) ?? 1
        let (list, total) = try await TraceQueries.products(county: v.county.value, page: page, per: 100, on: req.db)
        return .init(items: list.map(ProductDTO.init), total: total)
    }

    struct BatchDTO: Content {
        var id: UUID?; var productID: UUID; var producerID: UUID; var lot: String; var uri: String; var origin: String
        var harvestedOn: String?; var quantity: Double; var uom: String; var recalled: Bool; var recallReason: String?
        init(_ b: Batch) {
            id = b.id; productID = b.productID; producerID = b.producerID; lot = b.lot; uri = b.uri; origin = b.origin
            harvestedOn = b.harvestedOn; quantity = b.quantity; uom = b.uom; recalled = b.recalledAt != nil; recallReason = b.recallReason
        }
    }

    @Sendable func batches(_ req: Request) async throws -> APIController.ListDTO<BatchDTO> {
        let v = try await req.traceViewer()
        let page = try req.apiInt("page", in: 1...100_000) ?? 1
        let (list, total) = try await TraceQueries.batches(county: v.county.value, producers: v.ownProducers, page: page, per: 100, on: req.db)
        return .init(items: list.map(BatchDTO.init), total: total)
    }

    struct RecallRowDTO: Content { var kind: String; var uri: String; var batchID: UUID?; var lot: String?; var product: String?; var destination: String?; var station: String?; var recipient: String? }

    @Sendable func recall(_ req: Request) async throws -> APIController.ListDTO<RecallRowDTO> {
        let m = try await RecallPage.load(req, try await req.traceViewer())
        let rows = m.rows.map { RecallRowDTO(kind: $0.kind.rawValue, uri: $0.uri, batchID: $0.batchID, lot: $0.lot, product: $0.product,
                                             destination: $0.destination.map(TraceEvents.destinationName), station: $0.station, recipient: $0.recipient) }
        return .init(items: rows, total: rows.count)
    }
}
