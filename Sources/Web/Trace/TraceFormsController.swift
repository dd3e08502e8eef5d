import Fluent
import Accounts
import Programme
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// Posted forms of 农产品与追溯: each reads the form, calls the service and redirects; a
/// refusal shows the page again with the form as typed and its errors (422).
struct TraceFormsController {
    func register(_ r: any RoutesBuilder) {
        r.post(.trace(.producers), use: createProducer)
        r.post(.trace(.producerCertifications(Placeholder.id)), limit: "11mb", use: addCertification)
        r.post(.trace(.producerUsers(Placeholder.id)), use: linkUser)
        r.post(.trace(.catalogue), use: createProduct)
        r.post(.trace(.catalogueImport), limit: "10mb", use: importProducts)
        r.post(.trace(.productStandards(Placeholder.id)), use: addStandard)
        r.post(.trace(.brands), use: createBrand)
        r.post(.trace(.brandGrants), use: grant)
        r.post(.trace(.grantRevoke(Placeholder.id)), use: revoke)
        r.post(.trace(.batches), use: createBatch)
        r.post(.trace(.batchRecords(Placeholder.id))) { req in try await Self.onBatch(req, form: "records") { v, b in
            _ = try await BatchService.addRecord(to: b, kind: req.field("kind"), day: req.field("day"), input: req.field("input"),
                                                 intervalDays: req.field("intervalDays"), note: req.field("note"), actor: req.actor, on: req.db)
        } }
        r.post(.trace(.batchInspections(Placeholder.id))) { req in try await Self.onBatch(req, form: "inspections", need: \.canInspect) { v, b in
            _ = try await BatchService.inspect(b, day: req.field("day"), item: req.field("item"), passed: req.field("passed") != "no", note: req.field("note"),
                                               inspector: v.user.displayName, actor: req.actor, on: req.db)
        } }
        r.post(.trace(.batchMoves(Placeholder.id))) { req in try await Self.onBatch(req, form: "moves") { v, b in
            let facility = try await Self.station(req, v)
            try await FlowService.move(b.uri, quantity: try Self.quantity(req, "quantity"), uom: b.uom, movement: req.field("direction") == "receiving" ? .receiving : .shipping,
                                       facility: facility, party: req.field("party"), county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.trace(.batchPack(Placeholder.id))) { req in try await Self.onBatch(req, form: "pack") { v, b in
            _ = try await FlowService.aggregate([(b, try Self.quantity(req, "quantity"))], caseCode: req.field("caseCode"),
                                         intoParcel: req.field("container") == "parcel", county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.trace(.batchTransform(Placeholder.id))) { req in try await Self.onBatch(req, form: "transform") { v, b in
            let output = try Self.batchInput(req, v)
            _ = try await FlowService.transform(inputs: [(b, try Self.quantity(req, "inputQuantity"))], output: output, county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.trace(.batchRecall(Placeholder.id))) { req in try await Self.onBatch(req, form: "recall", need: \.canManage) { v, b in
            try await FlowService.recall(b, reason: req.field("reason"), actor: req.actor, on: req.db)
        } }
    }

    /// Runs a batch form: the viewer must be allowed (`need`) and see the batch; a refusal
    /// re-renders the batch page with that form's errors.
    static func onBatch(_ req: Request, form: String, need: KeyPath<TraceViewer, Bool> = \.canRecord,
                        _ action: (TraceViewer, Batch) async throws -> Void) async throws -> Response {
        let v = try await req.traceViewer()
        guard v[keyPath: need] else { throw Abort(.forbidden) }
        let b = try await req.traceBatch(v)
        do {
            try await action(v, b)
            return req.redirect(to: SiteURL.trace(.batch(b.id ?? UUID())).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            let state = FormState(values: posted(req), errors: failure.fields)
            return try await TraceController.render(req, BatchPage.view, try await BatchPage.load(req, v, form: state, failedForm: form), status: .unprocessableEntity)
        }
    }

    static func posted(_ req: Request) -> [String: String] { (try? req.content.decode([String: String].self)) ?? [:] }

    static func quantity(_ req: Request, _ field: String) throws -> Double {
        guard let q = Double(req.field(field).trimmingCharacters(in: .whitespaces)), q > 0, q < 1e9 else { throw ValidationFailure([field: "trace.error.quantity"]) }
        return q
    }

    static func uuid(_ req: Request, _ field: String) -> UUID? { UUID(uuidString: req.field(field)) }

    /// A station of the viewer's county, or nil when none was chosen.
    static func station(_ req: Request, _ v: TraceViewer) async throws -> UUID? {
        guard let id = uuid(req, "facility") else { return nil }
        return try await FacilityLookup.inCounty(id, county: v.county, on: req.db) ? id : nil
    }

    static func batchInput(_ req: Request, _ v: TraceViewer) throws -> BatchService.BatchInput {
        var i = BatchService.BatchInput()
        i.productID = uuid(req, "productID"); i.producerID = uuid(req, "producerID")
        // A producer's user records only for its own producers.
        if let own = v.ownProducers, let p = i.producerID, !own.contains(p) { throw ValidationFailure(["producerID": "error.invalid"]) }
        i.lot = req.field("lot"); i.origin = req.field("origin"); i.harvestedOn = req.field("harvestedOn"); i.quantity = req.field("quantity")
        i.uom = req.field("uom"); i.brandID = uuid(req, "brandID")
        return i
    }

    /// Runs a form of a county page; a refusal re-renders that page with the form's errors.
    static func attempt<Model>(_ req: Request, _ view: @escaping (PageChrome, Model) -> String, reload: @escaping (TraceViewer, FormState) async throws -> Model,
                               redirect: String, _ action: (TraceViewer) async throws -> Void) async throws -> Response {
        let v = try await req.traceViewer()
        do {
            try await action(v)
            return req.redirect(to: redirect + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            let state = FormState(values: posted(req), errors: failure.fields)
            return try await TraceController.render(req, view, try await reload(v, state), status: .unprocessableEntity)
        }
    }

    @Sendable func createProducer(_ req: Request) async throws -> Response {
        try await Self.attempt(req, ProducersPage.view, reload: { try await ProducersPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.producers).path) { v in
            try v.requireManage()
            var i = CatalogueService.ProducerInput()
            i.kind = req.field("kind"); i.name = req.field("name"); i.creditCode = req.field("creditCode"); i.idNumber = req.field("idNumber")
            i.contactName = req.field("contactName"); i.contactPhone = req.field("contactPhone"); i.divisionCode = req.field("divisionCode"); i.subjectCode = req.field("subjectCode")
            _ = try await CatalogueService.createProducer(i, county: v.county, actor: req.actor, on: req.db)
        }
    }

    @Sendable func addCertification(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        let p = try await req.traceProducer(v)
        return try await Self.attempt(req, ProducerPage.view, reload: { try await ProducerPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.producer(p.id ?? UUID())).path) { v in
            try v.requireManage()
            let file = try? req.content.get(File.self, at: "evidence")
            let data = file.map { Data(buffer: $0.data) } ?? Data()
            if !data.isEmpty, let refusal = Evidence.refusal(data) { throw ValidationFailure(["evidence": refusal]) }
            let c = try await CatalogueService.addCertification(to: p, kind: req.field("kind"), number: req.field("number"), from: req.field("validFrom"),
                                                                to: req.field("validTo"), actor: req.actor, on: req.db)
            if !data.isEmpty, let file {
                let record = try await Evidence.store(data, filename: file.filename, kind: .certification, ownerID: try c.requireID(), county: v.county.value,
                                                      isPublic: false, dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db)
                try await CatalogueService.attachEvidence(c, sha256: record.sha256, name: record.filename, on: req.db)
            }
        }
    }

    @Sendable func linkUser(_ req: Request) async throws -> Response {
        let v = try await req.traceViewer()
        let p = try await req.traceProducer(v)
        return try await Self.attempt(req, ProducerPage.view, reload: { try await ProducerPage.load(req, $0, form: $1) }, redirect: SiteURL.trace(.producer(p.id ?? UUID())).path) { v in
            try v.requireManage()
            guard let user = try await AccountService.findByUsername(req.field("username"), on: req.db), user.userRole == .producer,
                  user.scope.contains(county: v.county.value), v.user.scope.contains(county: v.county.value) else {
                throw ValidationFailure(["username": "trace.error.producerUser"])
            }
            try await CatalogueService.linkUser(try user.requireID(), to: p, actor: req.actor, on: req.db)
        }
    }
}
