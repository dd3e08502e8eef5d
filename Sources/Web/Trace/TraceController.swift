import Fluent
import Programme
import Statistics
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// Routes of 农产品与追溯: pages (each a `…Page` in this folder), the public Digital Link
/// resolver and trace page, label sheets and the recall export. Posted forms are in
/// `TraceFormsController`.
struct TraceController {
    func register(public routes: any RoutesBuilder, signedIn: any RoutesBuilder) {
        for pattern in TraceURL.linkPatterns { routes.get(.trace(.link(pattern)), use: resolve) }
        let r = signedIn
        r.get(.section(.products)) { req in try await Self.page(req, TraceOverviewPage.view) { try await TraceOverviewPage.load(req, $0) } }
        r.get(.trace(.producers)) { req in try await Self.page(req, ProducersPage.view) { try await ProducersPage.load(req, $0) } }
        r.get(.trace(.producer(Placeholder.id))) { req in try await Self.page(req, ProducerPage.view) { try await ProducerPage.load(req, $0) } }
        r.get(.trace(.catalogue)) { req in try await Self.page(req, CataloguePage.view) { try await CataloguePage.load(req, $0) } }
        r.get(.trace(.product(Placeholder.id))) { req in try await Self.page(req, ProductPage.view) { try await ProductPage.load(req, $0) } }
        r.get(.trace(.brands)) { req in try await Self.page(req, BrandsPage.view) { try await BrandsPage.load(req, $0) } }
        r.get(.trace(.batches)) { req in try await Self.page(req, BatchesPage.view) { try await BatchesPage.load(req, $0) } }
        r.get(.trace(.batch(Placeholder.id))) { req in try await Self.page(req, BatchPage.view) { try await BatchPage.load(req, $0) } }
        r.get(.trace(.recall(Placeholder.id))) { req in try await Self.page(req, RecallPage.view) { try await RecallPage.load(req, $0) } }
        r.get(.trace(.scans)) { req in try await Self.page(req, ScansPage.view) { try await ScansPage.load(req, $0) } }
        r.get(.trace(.recallExport(Placeholder.id)), use: recallExport)
        r.get(.trace(.batchLabels(Placeholder.id)), use: labels)
        r.get(.trace(.certificationEvidence(Placeholder.id)), use: certificateScan)
        TraceFormsController().register(r)
    }

    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    static func page<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, load: (TraceViewer) async throws -> Model) async throws -> Response {
        try await render(req, view, try await load(try await req.traceViewer()))
    }

    /// The GS1 Digital Link resolver on the county's domain: the trace page of the lot (an
    /// unknown serial walks up to its lot, an unknown lot to the product), or with
    /// `linkType=all` the linkset. A wrong GTIN check digit is a 400 naming it.
    @Sendable func resolve(_ req: Request) async throws -> Response {
        let link: DigitalLink
        switch DigitalLink.parse(req.url.path) {
        case .success(let l): link = l
        case .failure(.badGTIN): throw Abort(.badRequest, reason: "gtin: wrong digits or check digit")
        case .failure(.badValue(let field)): throw Abort(.badRequest, reason: "\(field): 1–20 letters, digits, '-', '.' or '_'")
        case .failure(.notALink): throw Abort(.notFound)
        }
        let linkset = req.query[String.self, at: "linkType"] == "all"
        let cache = req.application.publicTraceCache
        let key = PublicTraceCache.Key(path: req.url.path, language: req.context.language)
        if !linkset, let hit = cache.entry(key), try await CountyVersions.current(hit.county, on: req.db) == hit.version {
            return try await Self.traceResponse(req, hit)
        }
        guard let (product, batch) = try await TraceQueries.resolve(link, on: req.db) else { throw Abort(.notFound) }
        if linkset {
            let anchor = Self.baseURL(req) + DigitalLink(product: link.product, lot: batch?.lot).path
            return try PublicTracePage.linkset(anchor: anchor, title: product.name)
        }
        // The version before the data: a write committed after this read makes the entry stale.
        let version = try await CountyVersions.current(product.countyCode, on: req.db)
        let html = PublicTracePage.view(try await PublicTracePage.load(req, product: product, batch: batch))
        let entry = PublicTraceCache.Entry(county: product.countyCode, version: version, html: html, batchID: batch?.id)
        cache.store(key, entry)
        return try await Self.traceResponse(req, entry)
    }

    /// The page, counted as one scan of its batch. Consumers' phones may keep it a minute; a
    /// recall shows within that.
    static func traceResponse(_ req: Request, _ entry: PublicTraceCache.Entry) async throws -> Response {
        if let batch = entry.batchID { try await req.application.publicTraceCache.countScan(batch: batch, county: entry.county, on: req.db) }
        let response = PublicTracePage.response(entry.html)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return response
    }

    /// The site's own address as the browser reached it (labels and linksets point back here).
    static func baseURL(_ req: Request) -> String {
        let host = req.headers.first(name: .host) ?? "localhost"
        let secure = req.application.settings.secureCookies
        return (secure ? "https://" : "http://") + host
    }

    @Sendable func recallExport(_ req: Request) async throws -> Response {
        let m = try await RecallPage.load(req, try await req.traceViewer())
        return Downloads.csv(header: RecallPage.header, rows: RecallPage.csvRows(m), filename: "recall-\(m.batch.lot).csv")
    }

    /// The scanned certificate of a certification, for staff who may see it (another county's,
    /// or another producer's for a producer's user: not found).
    @Sendable func certificateScan(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        guard v.seesCertificates else { throw Abort(.forbidden) }
        guard let id = req.parameters.get("id", as: UUID.self),
              let c = try await TraceQueries.find(Certification.self, id, county: v.county.value, on: req.db),
              v.ownProducers.map({ $0.contains(c.producerID) }) ?? true,
              let record = try await EvidenceRecord.query(on: req.db).filter(\.$ownerKind == Evidence.Kind.certification.rawValue)
                  .filter(\.$ownerID == id).filter(\.$countyCode == v.county.value).sort(\.$createdAt, .descending).first()
        else { throw Abort(.notFound) }
        return try ProgrammeController.send(record, req)
    }

    /// A printable sheet of labels for a batch (`count` labels, serials 1…count).
    @Sendable func labels(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        let b = try await req.traceBatch(v)
        let count = min(LabelSheet.limit, max(1, req.query[Int.self, at: "count"] ?? 24))
        do {
            let html = try await TraceLabels.sheet(for: b, baseURL: Self.baseURL(req), count: count, on: req.db)
            return PublicTracePage.response(html, policy: PublicTracePage.policy(style: LabelSheet.style))
        } catch let failure as ValidationFailure {
            // An unauthorised brand: no labels, and the reason.
            throw Abort(.unprocessableEntity, reason: failure.fields.values.map { req.context.t($0) }.joined(separator: "; "))
        }
    }
}
