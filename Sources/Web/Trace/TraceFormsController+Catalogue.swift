import Fluent
import ServiceNetwork
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// The catalogue, brand and batch forms.
extension TraceFormsController {
    @Sendable func createProduct(_ req: Request) async throws -> Response {
        try await Self.attempt(req, CataloguePage.view, reload: { try await CataloguePage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.catalogue).path) { v in
            try v.requireManage()
            var i = ProductService.ProductInput()
            i.code = req.field("code"); i.name = req.field("name"); i.category = req.field("category"); i.specification = req.field("specification")
            i.unit = req.field("unit"); i.season = req.field("season"); i.annualOutput = req.field("annualOutput").isEmpty ? "0" : req.field("annualOutput")
            i.grade = req.field("grade"); i.gtin = req.field("gtin"); i.bestseller = req.field("bestseller") == "yes"
            _ = try await ProductService.create(i, county: v.county, actor: req.actor, on: req.db)
        }
    }

    @Sendable func importProducts(_ req: Request) async throws -> Response {
        try await Self.attempt(req, CataloguePage.view, reload: { try await CataloguePage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.catalogue).path) { v in
            try v.requireManage()
            guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else { throw ValidationFailure(["file": "error.required"]) }
            _ = try await ProductService.importCSV(Data(buffer: file.data), county: v.county, actor: req.actor, on: req.db)
        }
    }

    @Sendable func addStandard(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        let p = try await req.traceProduct(v)
        return try await Self.attempt(req, ProductPage.view, reload: { try await ProductPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.product(p.id ?? UUID())).path) { v in
            try v.requireManage()
            _ = try await ProductService.addStandard(to: p, kind: req.field("kind"), title: req.field("title"), body: req.field("body"),
                                                     effectiveOn: req.field("effectiveOn"), actor: req.actor, on: req.db)
        }
    }

    @Sendable func createBrand(_ req: Request) async throws -> Response {
        try await Self.attempt(req, BrandsPage.view, reload: { try await BrandsPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.brands).path) { v in
            try v.requireManage()
            _ = try await CatalogueService.createBrand(req.field("name"), county: v.county, actor: req.actor, on: req.db)
        }
    }

    @Sendable func grant(_ req: Request) async throws -> Response {
        try await Self.attempt(req, BrandsPage.view, reload: { try await BrandsPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.brands).path) { v in
            try v.requireManage()
            let c = v.county.value
            guard let brand = try await Self.uuid(req, "brandID").asyncMapWeb({ try await TraceQueries.find(Brand.self, $0, county: c, on: req.db) }) ?? nil else {
                throw ValidationFailure(["brandID": "error.required"])
            }
            guard let producer = try await Self.uuid(req, "producerID").asyncMapWeb({ try await TraceQueries.find(Producer.self, $0, county: c, on: req.db) }) ?? nil else {
                throw ValidationFailure(["producerID": "error.required"])
            }
            let product = try await Self.uuid(req, "productID").asyncMapWeb { try await TraceQueries.find(Product.self, $0, county: c, on: req.db) } ?? nil
            _ = try await CatalogueService.grant(brand, to: producer, product: product, from: req.field("validFrom"), to: req.field("validTo"), actor: req.actor, on: req.db)
        }
    }

    @Sendable func revoke(_ req: Request) async throws -> Response {
        try await Self.attempt(req, BrandsPage.view, reload: { try await BrandsPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.brands).path) { v in
            try v.requireManage()
            guard let id = req.parameters.get("id", as: UUID.self), let g = try await TraceQueries.find(BrandGrant.self, id, county: v.county.value, on: req.db) else { throw Abort(.notFound) }
            try await CatalogueService.revoke(g, reason: req.field("reason"), actor: req.actor, on: req.db)
        }
    }

    @Sendable func createBatch(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        guard v.canRecord else { throw Abort(.forbidden) }
        do {
            let b = try await BatchService.create(try Self.batchInput(req, v), county: v.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.trace(.batch(b.id ?? UUID())).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            let state = FormState(values: Self.posted(req), errors: failure.fields)
            return try await TraceController.render(req, BatchesPage.view, try await BatchesPage.load(req, v, form: state), status: .unprocessableEntity)
        }
    }
}

/// Stations of the service network, for shipping forms.
enum FacilityLookup {
    static func inCounty(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Bool {
        try await Facility.find(id, on: db)?.countyCode == county.value
    }
}
