import Accounts
import Documents
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// The programme's forms, each handed to its service: disbursements and their approval,
/// progress reports and their verification, judged rates, report texts and the plan import.
/// A refused form shows its page again with the errors; a done one redirects with a flash.
struct ProgrammeFormsController {
    func register(_ routes: any RoutesBuilder) {
        routes.post(.disbursements, limit: "12mb", use: createDisbursement)
        routes.post(.disbursementReview(Placeholder.id), use: reviewDisbursement)
        routes.post(.reviewSettings, use: reviewSettings)
        routes.post(.targetProgress(Placeholder.id), limit: "12mb", use: submitProgress)
        routes.post(.progressReview(Placeholder.id), use: reviewProgress)
        routes.post(.targetJudged(Placeholder.id), use: judged)
        routes.post(.narratives, limit: "1mb", use: saveNarratives)
        routes.post(.programmeImport, limit: "20mb", use: importPlan)
    }

    // MARK: disbursements

    struct DisbursementForm: Content {
        var fundRowID: String?; var date: String?; var amountWanYuan: String?; var tranche: String?; var basis: String?; var category: String?
        var file: File?
    }

    @Sendable func createDisbursement(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        let input = try req.content.decode(DisbursementForm.self)
        var form = FormState(values: ["fundRowID": input.fundRowID ?? "", "date": input.date ?? "", "amountWanYuan": input.amountWanYuan ?? "",
                                      "tranche": input.tranche ?? "", "basis": input.basis ?? "", "category": input.category ?? ""])
        guard let rowID = UUID(uuidString: input.fundRowID ?? "") else {
            form.errors["fundRowID"] = "error.required"
            return try await Self.disbursementRefused(req, form)
        }
        // The document is checked before anything is written.
        let file = Self.chosen(input.file)
        if let file, let refusal = Evidence.refusal(Data(buffer: file.data)) {
            form.errors["file"] = refusal
            return try await Self.disbursementRefused(req, form)
        }
        // The form takes 万元 like the fund table; the service (and the API) take 元.
        let wan = (input.amountWanYuan ?? "").trimmingCharacters(in: .whitespaces)
        var yuan = ""
        if !wan.isEmpty {
            guard let amount = try? Money(wanYuan: wan) else {
                form.errors["amountWanYuan"] = "error.money.wan"
                return try await Self.disbursementRefused(req, form)
            }
            yuan = amount.yuanText
        }
        do {
            let record = try await Disbursements.create(
                NewDisbursement(fundRowID: rowID, date: input.date ?? "", amountYuan: yuan, tranche: input.tranche ?? "",
                                basis: input.basis ?? "", category: input.category ?? ""),
                programme: programme, actor: req.actor, on: req.db)
            if let file { try await Self.store(file, kind: .disbursement, owner: try record.requireID(), programme: programme, isPublic: false, req) }
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            if let amount = form.errors.removeValue(forKey: "amountYuan") { form.errors["amountWanYuan"] = amount }
            return try await Self.disbursementRefused(req, form)
        }
        return req.redirect(to: SiteURL.programmeFunds.path + "?flash=common.saved")
    }

    struct SettingsForm: Content { var allowed: String?; var reason: String? }

    /// The county's separation-of-duties choice (those who approve payments decide it).
    @Sendable func reviewSettings(_ req: Request) async throws -> Response {
        _ = try req.require(.approveDisbursements)
        let programme = try await req.programme()
        let input = try req.content.decode(SettingsForm.self)
        do {
            try await ReviewSettings.set(county: programme.countyCode, allowed: input.allowed == "on", reason: input.reason ?? "", actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            let form = FormState(values: ["reason": input.reason ?? ""], errors: failure.fields)
            return try await ProgrammeController.render(req, ProgrammeFundsPage.view, try await ProgrammeFundsPage.load(req, settingsForm: form), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.programmeFunds.path + "?flash=common.saved")
    }

    /// The funds page again, with the refused disbursement as typed and why.
    static func disbursementRefused(_ req: Request, _ form: FormState) async throws -> Response {
        try await ProgrammeController.render(req, ProgrammeFundsPage.view, try await ProgrammeFundsPage.load(req, form: form), status: .unprocessableEntity)
    }

    /// Approve or reject (the review form's `decision` and `comment`).
    struct ReviewForm: Content { var decision: String?; var comment: String? }

    @Sendable func reviewDisbursement(_ req: Request) async throws -> Response {
        _ = try req.require(.approveDisbursements)
        let programme = try await req.programme()
        guard let d = try await Disbursements.find(try req.uuid("id"), programme: programme, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(ReviewForm.self)
        return try await Self.reviewed(req, back: .programmeFunds) {
            try await Disbursements.review(d, approve: input.decision == "approve", comment: input.comment ?? "", actor: req.actor, on: req.db)
        }
    }

    // MARK: progress

    struct ProgressForm: Content { var asOf: String?; var actual: String?; var narrative: String?; var file: File?; var evidencePublic: String? }

    @Sendable func submitProgress(_ req: Request) async throws -> Response {
        let programme = try await req.programme()
        let contractors = try await req.reportingContractors(programme)
        let targetID = try req.uuid("id")
        let input = try req.content.decode(ProgressForm.self)
        // Check the evidence file before anything is written, so a bad file leaves no half report.
        let file = Self.chosen(input.file)
        let typed = FormState(values: ["asOf": input.asOf ?? "", "actual": input.actual ?? "", "narrative": input.narrative ?? "",
                                       "evidencePublic": input.evidencePublic ?? ""])
        if let file, let refusal = Evidence.refusal(Data(buffer: file.data)) {
            return try await Self.progressRefused(req, programme, targetID: targetID, FormState(values: typed.values, errors: ["file": refusal]))
        }
        let record: ProgressRecord
        do {
            record = try await ProgressReports.submit(
                NewProgress(targetID: targetID, asOf: input.asOf ?? "", actual: input.actual ?? "", narrative: input.narrative ?? ""),
                programme: programme, contractorNames: contractors, actor: req.actor, on: req.db)
        } catch ProgrammeError.notFound { throw Abort(.notFound) } catch ProgrammeError.forbidden { throw Abort(.forbidden) }
        catch let failure as ValidationFailure {
            return try await Self.progressRefused(req, programme, targetID: targetID, FormState(values: typed.values, errors: failure.fields))
        }
        if let file {
            try await Self.store(file, kind: .progress, owner: try record.requireID(), programme: programme, isPublic: input.evidencePublic == "on", req)
        }
        guard let target = try await ProgrammeQueries.target(targetID, of: programme, on: req.db),
              let task = try await ProgrammeQueries.task(code: target.taskCode, of: programme, on: req.db)
        else { return req.redirect(to: SiteURL.programmeProgress.path) }
        return req.redirect(to: SiteURL.programmeTask(try task.requireID()).path + "?flash=common.saved")
    }

    /// The task page again, its progress form open with what was typed and every reason.
    static func progressRefused(_ req: Request, _ programme: ProgrammeRecord, targetID: UUID, _ form: FormState) async throws -> Response {
        guard let target = try await ProgrammeQueries.target(targetID, of: programme, on: req.db),
              let task = try await ProgrammeQueries.task(code: target.taskCode, of: programme, on: req.db) else { throw Abort(.notFound) }
        let model = try await ProgrammeTaskPage.load(req, taskID: try task.requireID(), refused: (targetID, form))
        return try await ProgrammeController.render(req, ProgrammeTaskPage.view, model, status: .unprocessableEntity)
    }

    /// Verify or return (the review form's `decision` and `comment`).
    @Sendable func reviewProgress(_ req: Request) async throws -> Response {
        _ = try req.require(.verifyProgress)
        let programme = try await req.programme()
        guard let r = try await ProgressReports.find(try req.uuid("id"), programme: programme, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(ReviewForm.self)
        return try await Self.reviewed(req, back: .programmeProgress) {
            try await ProgressReports.review(r, verify: input.decision == "verify", comment: input.comment ?? "", actor: req.actor, on: req.db)
        }
    }

    // MARK: judged rates and report texts

    struct JudgedForm: Content { var percent: String?; var reason: String? }

    @Sendable func judged(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        guard let target = try await ProgrammeQueries.target(try req.uuid("id"), of: programme, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(JudgedForm.self)
        try await ProgrammeEdits.setJudgedRate(target, percent: input.percent ?? "", reason: input.reason ?? "", actor: req.actor, on: req.db)
        let task = try await ProgrammeQueries.task(code: target.taskCode, of: programme, on: req.db)
        return req.redirect(to: (task?.id.map { SiteURL.programmeTask($0).path } ?? SiteURL.programmeTasks.path) + "?flash=common.saved")
    }

    struct TextsForm: Content { var texts: [String: String]? }

    /// Only the report's own keys are kept, each at most 20,000 characters.
    @Sendable func saveNarratives(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        let subsystems = try await ProgrammeQueries.subsystems(of: programme, on: req.db)
        let allowed = Set(NarrativeKey.fixed + subsystems.map { NarrativeKey.progress($0.code) })
        let texts = (try req.content.decode(TextsForm.self).texts ?? [:]).filter { allowed.contains($0.key) }
            .mapValues { String($0.prefix(20_000)) }
        try await ProgrammeEdits.saveNarratives(texts, programme: programme, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.narratives.path + "?flash=common.saved")
    }

    // MARK: plan import

    struct PlanUpload: Content { var file: File?; var replace: String? }

    /// The whole workbook or nothing: any sheet error leaves the county's programme as it was.
    @Sendable func importPlan(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let county = try req.requireCounty()
        let upload = try req.content.decode(PlanUpload.self)
        guard let file = Self.chosen(upload.file) else { return try await Self.imported(req, .missingFile, status: .badRequest) }
        let result: PlanParseResult
        do { result = PlanWorkbook.parse(try XLSX.read(Data(buffer: file.data))) } catch {
            let e = SheetError(sheet: file.filename, row: 0, column: "", message: "\(error)")
            return try await Self.imported(req, .rejected(1), errors: [e], status: .unprocessableEntity)
        }
        guard let plan = result.plan, result.errors.isEmpty else {
            return try await Self.imported(req, .rejected(result.errors.count), errors: result.errors, warnings: result.warnings, status: .unprocessableEntity)
        }
        do {
            try await ProgrammeStore.importPlan(plan, county: county, replace: upload.replace == "on", actor: req.actor, on: req.db)
        } catch ProgrammeError.exists {
            return try await Self.imported(req, .exists, warnings: result.warnings, status: .conflict)
        } catch ProgrammeError.wrongCounty {
            return try await Self.imported(req, .wrongCounty, warnings: result.warnings, status: .unprocessableEntity)
        }
        return try await Self.imported(req, .imported(plan.info.title), warnings: result.warnings, status: .ok)
    }

    static func imported(_ req: Request, _ outcome: ProgrammeImportPage.Outcome, errors: [SheetError] = [], warnings: [SheetError] = [],
                         status: HTTPResponseStatus) async throws -> Response {
        let model = try ProgrammeImportPage.load(req, outcome: outcome, errors: errors, warnings: warnings)
        return try await ProgrammeController.render(req, ProgrammeImportPage.view, model, status: status)
    }

    // MARK: shared steps

    /// The uploaded file, if one was chosen (an empty file field still sends an empty part).
    static func chosen(_ file: File?) -> File? {
        file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
    }

    /// Keeps an evidence file (already checked with `Evidence.refusal`) for its record.
    static func store(_ file: File, kind: Evidence.Kind, owner: UUID, programme: ProgrammeRecord, isPublic: Bool, _ req: Request) async throws {
        _ = try await Evidence.store(Data(buffer: file.data), filename: file.filename, kind: kind, ownerID: owner, county: programme.countyCode,
                                     isPublic: isPublic, dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db)
    }

    /// Both reviews end the same way: back to their list, saying why when the review was refused
    /// (already reviewed, or a refusal without a comment) rather than showing an error page.
    static func reviewed(_ req: Request, back: SiteURL, _ review: () async throws -> Void) async throws -> Response {
        do {
            try await review()
        } catch let failure as ValidationFailure {
            return req.redirect(to: back.path + "?flash=" + flashKey(for: failure))
        }
        return req.redirect(to: back.path + "?flash=common.saved")
    }

    static func flashKey(for failure: ValidationFailure) -> String {
        if failure.fields["status"] == "error.notPending" { return "flash.review.notPending" }
        if failure.fields["status"] == "error.selfReview" { return "flash.review.self" }
        if failure.fields["comment"] != nil { return "flash.review.commentRequired" }
        return "flash.invalid"
    }
}
