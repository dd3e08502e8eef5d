import Commerce
import CommerceCore
import NetworkCore
import Programme
import Vapor
import XiangcunKit

/// Routes of 培训: pages in this folder, forms to `TrainingService`.
struct TrainingController {
    struct Upload: Content { var file: File? }

    func register(_ r: any RoutesBuilder) {
        r.get(.section(.training)) { req in try await Self.render(req, TrainingOverviewPage.view, try await TrainingOverviewPage.load(req)) }
        r.get(.commerce(.sessionNew)) { req in try await Self.render(req, SessionFormPage.view, try SessionFormPage.load(req)) }
        r.post(.commerce(.sessionNew), use: createSession)
        r.get(.commerce(.session(Placeholder.id))) { req in try await Self.render(req, SessionPage.view, try await SessionPage.load(req)) }
        r.post(.commerce(.sessionAttendees(Placeholder.id)), use: addAttendee)
        r.post(.commerce(.sessionImport(Placeholder.id)), limit: "20mb", use: importSheet)
        r.post(.commerce(.sessionEvidence(Placeholder.id)), limit: "11mb", use: uploadEvidence)
        r.get(.commerce(.trainee(Placeholder.id))) { req in try await Self.render(req, TraineePage.view, try await TraineePage.load(req)) }
        r.post(.commerce(.traineeReveal(Placeholder.id)), use: reveal)
        r.post(.commerce(.traineeConversions(Placeholder.id)), use: addConversion)
        r.post(.commerce(.traineeLeader(Placeholder.id)), use: setLeader)
        r.post(.commerce(.conversionEvidence(Placeholder.id)), limit: "11mb", use: conversionEvidence)
        r.get(.commerce(.signInTemplate)) { req in
            _ = try req.commerceViewer()
            return Downloads.file(try SignInSheet.template(), type: Downloads.xlsxType, filename: "sign-in-template.xlsx")
        }
        for format in ["xlsx", "csv"] {
            r.get(.commerce(.trainingLedger(format))) { req in try await Self.ledger(req, format: format) }
        }
    }

    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    static func session(_ req: Request, _ viewer: CommerceViewer) async throws -> TrainingSession {
        guard let id = req.parameters.get("id", as: UUID.self), let s = try await TrainingQueries.session(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        return s
    }

    @Sendable func createSession(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let form = CommerceViews.posted(req, SessionFormPage.fieldNames)
        var input = SessionInput()
        input.kind = form["kind"]; input.title = form["title"]; input.day = form["day"]; input.place = form["place"]; input.trainer = form["trainer"]
        input.contractor = form["contractor"]; input.hours = form["hours"]; input.materials = form["materials"]; input.paired = form["paired"] == "on"
        do {
            let s = try await TrainingService.createSession(input, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.commerce(.session(try s.requireID())).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            var refused = form
            refused.errors = failure.fields
            return try await Self.render(req, SessionFormPage.view, try SessionFormPage.load(req, form: refused), status: .unprocessableEntity)
        }
    }

    @Sendable func addAttendee(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let s = try await Self.session(req, viewer)
        let form = CommerceViews.posted(req, SessionPage.attendeeFields)
        let input = AttendeeInput(name: form["name"], idNumber: form["idNumber"], phone: form["phone"], township: form["township"],
                                  village: form["village"], groups: form["groups"])
        do {
            try await TrainingService.addAttendee(input, to: s, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.commerce(.session(try s.requireID())).path + "?flash=flash.training.signed")
        } catch let failure as ValidationFailure {
            var refused = form
            refused.errors = failure.fields
            return try await Self.render(req, SessionPage.view, try await SessionPage.load(req, form: refused), status: .unprocessableEntity)
        }
    }

    @Sendable func importSheet(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let s = try await Self.session(req, viewer)
        guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
            return try await Self.render(req, SessionPage.view, try await SessionPage.load(req, importIssues: [req.context.t("error.required")]), status: .badRequest)
        }
        do {
            let r = try await TrainingService.importSignIn(Data(buffer: file.data), session: s, actor: req.actor, on: req.db)
            let message = req.context.t("training.import.done", "\(r.added)", "\(r.alreadySigned)")
            return try await Self.render(req, SessionPage.view, try await SessionPage.load(req, message: message))
        } catch let failed as ImportFailed {
            let issues = failed.issues.map { $0.text(req.context.language) }
            return try await Self.render(req, SessionPage.view, try await SessionPage.load(req, importIssues: issues), status: .unprocessableEntity)
        }
    }

    @Sendable func uploadEvidence(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let id = try await Self.session(req, viewer).requireID()
        if let refusal = try await Self.storeEvidence(req, viewer, owner: id) {
            return try await Self.render(req, SessionPage.view, try await SessionPage.load(req, importIssues: [refusal]), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.commerce(.session(id)).path + "?flash=common.saved")
    }

    /// A photo or PDF for a session, a conversion, a village or a publicity item (the caller checked
    /// the owner is of the viewer's county). Returns why the file was refused, or nil when stored.
    static func storeEvidence(_ req: Request, _ viewer: CommerceViewer, owner: UUID) async throws -> String? {
        guard let file = try req.content.decode(Upload.self).file else { return req.context.t("error.required") }
        do {
            _ = try await Evidence.store(Data(buffer: file.data), filename: file.filename, kind: .commerce, ownerID: owner, county: viewer.county.value,
                                         isPublic: false, dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db)
            return nil
        } catch let failure as ValidationFailure {
            return req.context.t(failure.fields["file"] ?? "error.invalid")
        }
    }

    @Sendable func conversionEvidence(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        guard let id = req.parameters.get("id", as: UUID.self), let c = try await TrainingQueries.conversion(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        if let refusal = try await Self.storeEvidence(req, viewer, owner: id) { throw Abort(.unprocessableEntity, reason: "file: " + refusal) }
        return req.redirect(to: SiteURL.commerce(.trainee(c.traineeID)).path + "?flash=common.saved")
    }

    /// Shows the whole ID number once, after writing the view to the audit trail.
    @Sendable func reveal(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        guard viewer.canUnmask else { throw Abort(.forbidden) }
        let t = try await TraineePage.find(req, viewer)
        let number = try await TrainingService.revealIDNumber(t, actor: req.actor, on: req.db)
        let response = try await Self.render(req, TraineePage.view, try await TraineePage.load(req, revealed: number))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func addConversion(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        let t = try await TraineePage.find(req, viewer)
        let form = CommerceViews.posted(req, ["kind", "day", "note"])
        do {
            _ = try await TrainingService.addConversion(to: t, kind: form["kind"], day: form["day"], note: form["note"], actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.commerce(.trainee(try t.requireID())).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            var refused = form
            refused.errors = failure.fields
            return try await Self.render(req, TraineePage.view, try await TraineePage.load(req, form: refused), status: .unprocessableEntity)
        }
    }

    /// A day names the person a leader from then; an empty day takes the mark away.
    @Sendable func setLeader(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireManage()
        let t = try await TraineePage.find(req, viewer)
        let text = ((try? req.content.get(String.self, at: "leaderSince")) ?? "").trimmingCharacters(in: .whitespaces)
        guard text.isEmpty || Day(text) != nil else { throw Abort(.unprocessableEntity, reason: "leaderSince: not a date") }
        do {
            try await TrainingService.setLeader(t, since: Day(text), actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            throw Abort(.unprocessableEntity, reason: "leaderSince: " + req.context.t(failure.fields["leaderSince"] ?? "error.invalid"))
        }
        return req.redirect(to: SiteURL.commerce(.trainee(try t.requireID())).path + "?flash=common.saved")
    }

    /// `/training/ledger.xlsx|csv[?unmasked=1]`: masked for everyone; whole ID numbers and phones
    /// only for roles that may see personal data and ask for them (the export is audited).
    static func ledger(_ req: Request, format: String) async throws -> Response {
        let viewer = try req.commerceViewer()
        let unmasked = req.query[String.self, at: "unmasked"] == "1"
        if unmasked, !viewer.canUnmask { throw Abort(.forbidden) }
        let data = try await TrainingExport.file(county: viewer.county, format: format, unmasked: unmasked, language: req.context.language,
                                                 actor: req.actor, on: req.db)
        let filename = "training-\(viewer.county.short).\(format)"
        return Downloads.file(data, type: format == "csv" ? "text/csv; charset=utf-8" : Downloads.xlsxType, filename: filename)
    }
}
