import Accounts
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// Routes of the service network: each page is a `…Page` (model, load, view) in this folder;
/// here routes meet pages, and posted forms meet `NetworkService`.
struct NetworkController {
    func register(public routes: any RoutesBuilder, signedIn: any RoutesBuilder) {
        routes.get(.publicStations(":county")) { req in
            try await Self.render(req, PublicStationsPage.view, try await PublicStationsPage.load(req))
        }
        let n = signedIn
        n.get(.section(.network), use: overview)
        n.get(.networkFacilities, use: list)
        n.get(.networkFacilityNew) { req in try await Self.page(req, FacilityFormPage.view) { try await FacilityFormPage.loadNew(req, $0) } }
        n.post(.networkFacilityNew, use: create)
        n.get(.networkFacility(Placeholder.id)) { req in try await Self.page(req, FacilityPage.view) { try await FacilityPage.load(req, $0) } }
        n.get(.networkFacilityEdit(Placeholder.id), use: editForm)
        n.post(.networkFacilityEdit(Placeholder.id), use: update)
        n.post(.networkFacilityStatus(Placeholder.id), use: changeStatus)
        n.post(.networkFacilityOperators(Placeholder.id), use: linkOperator)
        n.post(.networkFacilityOperatorUnlink(Placeholder.id, user: Placeholder.user), use: unlinkOperator)
        n.post(.networkFacilityPhotos(Placeholder.id), limit: "9mb", use: uploadPhoto)
        n.get(.networkPhoto(Placeholder.id, Placeholder.photo)) { req in try await NetworkDownloads.photo(req, try await req.networkViewer()) }
        n.get(.networkRecordNew(Placeholder.id), use: recordForm)
        n.post(.networkRecordNew(Placeholder.id), use: saveRecord)
        n.get(.networkMap) { req in try await Self.page(req, NetworkMapPage.view) { try await NetworkMapPage.load(req, $0) } }
        n.get(.networkReporting) { req in try await Self.page(req, ReportingPage.view) { try await ReportingPage.load(req, $0) } }
        for format in ["xlsx", "csv"] {
            n.get(.networkCoverageExport(format)) { req in try await NetworkDownloads.coverage(req, try await req.networkViewer(), format: format) }
            n.get(.networkLedgerExport(format)) { req in try await NetworkDownloads.ledger(req, try await req.networkViewer(), format: format) }
        }
        n.get(.networkImport) { req in try await Self.page(req, LedgerImportPage.view) { try await LedgerImportPage.load(req, $0) } }
        n.post(.networkImport, limit: "20mb", use: importLedger)
        n.get(.networkRecordsImport) { req in try await Self.page(req, RecordsImportPage.view) { try await RecordsImportPage.load(req, $0) } }
        n.post(.networkRecordsImport, limit: "20mb", use: importRecords)
        n.get(.networkRecordsTemplate) { req in try NetworkDownloads.recordsTemplate(req, try await req.networkViewer()) }
        n.get(.networkServices) { req in try await Self.page(req, ServicesPage.view) { try await ServicesPage.load(req, $0) } }
        n.post(.networkServices, use: addService)
    }

    /// A page's view of a model.
    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model,
                              status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    /// A page for the viewer: its model loaded for them, then its view.
    static func page<Model>(_ req: Request, _ view: (PageChrome, Model) -> String,
                            load: (NetworkViewer) async throws -> Model) async throws -> Response {
        try await render(req, view, try await load(try await req.networkViewer()))
    }

    // MARK: Pages that depend on who is looking

    /// Operators go to their own station; everyone else sees the overview.
    @Sendable func overview(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        guard viewer.isOperator else { return try await Self.render(req, NetworkOverviewPage.view, try await NetworkOverviewPage.load(req, viewer)) }
        guard let own = viewer.ownFacilityID else { return .html(NetworkOverviewPage.noStationView(try await req.chrome())) }
        return req.redirect(to: SiteURL.networkFacility(own).path)
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        if viewer.isOperator { return req.redirect(to: viewer.ownFacilityID.map { SiteURL.networkFacility($0).path } ?? SiteURL.section(.network).path) }
        return try await Self.render(req, FacilityListPage.view, try await FacilityListPage.load(req, viewer))
    }

    @Sendable func editForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        return try await Self.render(req, FacilityFormPage.view, try await FacilityFormPage.loadEdit(req, viewer, f))
    }

    @Sendable func recordForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        return try await Self.render(req, RecordFormPage.view, try await RecordFormPage.load(req, viewer, f))
    }

    // MARK: Facilities

    @Sendable func create(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let input = try req.content.decode(FacilityFormPage.Posted.self).input
        do {
            let f = try await NetworkService.create(input, county: viewer.county, actor: req.actor, on: req.db)
            return try Self.saved(req, f)
        } catch let failure as ValidationFailure {
            let model = try await FacilityFormPage.loadNew(req, viewer, form: FacilityFormPage.state(input, errors: failure.fields), services: input.services)
            return try await Self.render(req, FacilityFormPage.view, model, status: .unprocessableEntity)
        }
    }

    /// Administrators change every field but the status (that has its own form, with its day);
    /// a station's operator only opening hours, service phone and services.
    @Sendable func update(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireOperate(f)
        let posted = try req.content.decode(FacilityFormPage.Posted.self)
        do {
            if viewer.canManage {
                var input = posted.input
                input.status = f.status
                input.statusSince = f.statusSince
                try await NetworkService.update(f, with: input, actor: req.actor, on: req.db)
            } else {
                try await NetworkService.updateOperational(f, openingHours: posted.openingHours ?? "", servicePhone: posted.servicePhone ?? "",
                                                           services: posted.services ?? [], actor: req.actor, on: req.db)
            }
            return try Self.saved(req, f)
        } catch let failure as ValidationFailure {
            var form = FacilityFormPage.state(viewer.canManage ? posted.input : FacilityInput(f, services: posted.services ?? [], served: []), errors: failure.fields)
            if !viewer.canManage { form.values["openingHours"] = posted.openingHours ?? ""; form.values["servicePhone"] = posted.servicePhone ?? "" }
            let model = try await FacilityFormPage.loadEdit(req, viewer, f, form: form, services: posted.services ?? [])
            return try await Self.render(req, FacilityFormPage.view, model, status: .unprocessableEntity)
        }
    }

    @Sendable func changeStatus(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        guard let status = (try? req.content.get(String.self, at: "status")).flatMap(FacilityStatus.init(rawValue:)),
              let day = (try? req.content.get(String.self, at: "effectiveOn")).flatMap({ Day($0) }) else {
            return try Self.redirectBack(req, f, ValidationFailure(["status": "error.invalid"]))
        }
        let note = (try? req.content.get(String.self, at: "note")) ?? ""
        do { try await NetworkService.changeStatus(f, to: status, on: day, note: note, actor: req.actor, on: req.db) }
        catch let failure as ValidationFailure { return try Self.redirectBack(req, f, failure) }
        return try Self.saved(req, f)
    }

    @Sendable func linkOperator(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        let username = (try? req.content.get(String.self, at: "username")) ?? ""
        guard let user = try await AccountService.findByUsername(username, on: req.db), user.countyCode == viewer.county.value else {
            return try Self.redirectBack(req, f, ValidationFailure(["username": "network.error.userUnknown"]))
        }
        do { try await NetworkService.linkOperator(user, to: f, actor: req.actor, on: req.db) }
        catch let failure as ValidationFailure { return try Self.redirectBack(req, f, failure) }
        return try Self.saved(req, f)
    }

    /// Removes an operator's link to this station (the account stays; it just runs no station).
    @Sendable func unlinkOperator(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        guard let userID = req.parameters.get("user", as: UUID.self),
              try await NetworkService.unlinkOperator(userID: userID, from: try f.requireID(), actor: req.actor, on: req.db) else { throw Abort(.notFound) }
        return try Self.saved(req, f)
    }

    struct PhotoUpload: Content { var photo: File?; var caption: String? }

    @Sendable func uploadPhoto(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireOperate(f)
        let upload = try req.content.decode(PhotoUpload.self)
        let data = upload.photo.map { Data(buffer: $0.data) } ?? Data()
        do { _ = try await PhotoStore.add(data, caption: upload.caption ?? "", to: f, dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db) }
        catch let failure as ValidationFailure { return try Self.redirectBack(req, f, failure) }
        return try Self.saved(req, f)
    }

    /// Back to the station page with "saved".
    static func saved(_ req: Request, _ f: Facility) throws -> Response {
        req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
    }

    /// Small forms on the station page: a rejected value comes back as a message at the top of the page.
    static func redirectBack(_ req: Request, _ f: Facility, _ failure: ValidationFailure) throws -> Response {
        let key = failure.fields.values.sorted().first ?? "error.invalid"
        let flash = "flash." + (key.hasPrefix("network.error.") ? String(key.dropFirst("network.error.".count)) : "invalid")
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=" + (Catalogue.has(flash) ? flash : "flash.invalid"))
    }

    // MARK: Monthly records

    @Sendable func saveRecord(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireOperate(f)
        let posted = RecordFormPage.posted(req)
        var form = posted.form
        func again(warnings: [Plausibility.Warning] = [], status: HTTPResponseStatus) async throws -> Response {
            try await Self.render(req, RecordFormPage.view, try await RecordFormPage.load(req, viewer, f, posted: form, warnings: warnings), status: status)
        }
        guard let month = Month(form["month"]) else {
            form.errors["month"] = "network.import.month"
            return try await again(status: .unprocessableEntity)
        }
        guard form.errors.isEmpty else { return try await again(status: .unprocessableEntity) }
        let confirmed = ((try? req.content.get(String.self, at: "confirmed")) ?? "") == "1"
        do {
            switch try await NetworkService.saveRecord(f, month: month, values: posted.values, confirmed: confirmed, actor: req.actor, on: req.db) {
            case .saved: return try Self.saved(req, f)
            case .needsConfirmation(let warnings): return try await again(warnings: warnings, status: .ok)
            }
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await again(status: .unprocessableEntity)
        }
    }

    // MARK: Imports and the catalogue

    struct Upload: Content { var file: File?; var confirmed: String? }

    @Sendable func importLedger(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let (outcome, status) = try await Self.importLedger(try req.content.decode(Upload.self), viewer, req)
        return try await Self.render(req, LedgerImportPage.view, try await LedgerImportPage.load(req, viewer, outcome: outcome), status: status)
    }

    static func importLedger(_ upload: Upload, _ viewer: NetworkViewer, _ req: Request) async throws -> (LedgerImportPage.Outcome, HTTPResponseStatus) {
        guard let file = upload.file, file.data.readableBytes > 0 else { return (.empty, .badRequest) }
        do {
            return (.imported(try await StationLedger.importFile(Data(buffer: file.data), county: viewer.county, actor: req.actor, on: req.db)), .ok)
        } catch let failed as ImportFailed { return (.rejected(failed.issues), .unprocessableEntity) }
    }

    @Sendable func importRecords(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let (outcome, status) = try await Self.importRecords(try req.content.decode(Upload.self), viewer, req)
        return try await Self.render(req, RecordsImportPage.view, try await RecordsImportPage.load(req, viewer, outcome: outcome), status: status)
    }

    /// Implausible figures come back to confirm; nothing is saved until they are.
    static func importRecords(_ upload: Upload, _ viewer: NetworkViewer, _ req: Request) async throws -> (RecordsImportPage.Outcome, HTTPResponseStatus) {
        guard let file = upload.file, file.data.readableBytes > 0 else { return (.empty, .badRequest) }
        do {
            let r = try await RecordLedger.importFile(Data(buffer: file.data), county: viewer.county, confirmed: upload.confirmed == "1", actor: req.actor, on: req.db)
            return (r.saved == 0 && !r.warnings.isEmpty ? .warnings(r.warnings) : .saved(r.saved), .ok)
        } catch let failed as ImportFailed { return (.rejected(failed.issues), .unprocessableEntity) }
    }

    @Sendable func addService(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        do {
            _ = try await NetworkService.addService(name: name, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.networkServices.path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            let model = try await ServicesPage.load(req, viewer, form: FormState(values: ["name": name], errors: failure.fields))
            return try await Self.render(req, ServicesPage.view, model, status: .unprocessableEntity)
        }
    }
}
