import Composition
import Accounts
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// JSON API of the programme: list/read every entity; create disbursements and progress;
/// review them; set judged rates. Scoped to the county in view like the pages, and read with
/// the same loaders (`ProgrammeData`, `ProgrammeQueries`), so the figures are the pages' figures.
struct ProgrammeAPIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .programme, use: summary)
        routes.on(.GET, .subsystems, use: subsystems)
        routes.on(.GET, .tasks, use: tasks)
        routes.on(.GET, .task(Placeholder.id), use: task)
        routes.on(.GET, .targets, use: targets)
        routes.on(.GET, .target(Placeholder.id), use: target)
        routes.on(.PATCH, .target(Placeholder.id), use: patchTarget)
        routes.on(.GET, .contractors, use: contractors)
        routes.on(.GET, .contractor(Placeholder.id), use: contractor)
        routes.on(.GET, .fundRows, use: fundRows)
        routes.on(.GET, .disbursements, use: disbursements)
        routes.on(.POST, .disbursements, use: createDisbursement)
        routes.on(.GET, .disbursement(Placeholder.id), use: disbursement)
        routes.on(.POST, .disbursementReview(Placeholder.id), use: reviewDisbursement)
        routes.on(.GET, .progressList, use: progressList)
        routes.on(.POST, .progressList, use: createProgress)
        routes.on(.GET, .progress(Placeholder.id), use: progress)
        routes.on(.POST, .progressReview(Placeholder.id), use: reviewProgress)
    }

    struct List<T: Content>: Content { var items: [T]; var total: Int }

    static func list<T: Content>(_ items: [T]) -> List<T> { List(items: items, total: items.count) }

    // MARK: summary

    struct SummaryDTO: Content {
        var id: UUID?; var county: String; var batchYear: Int; var title: String; var status: String; var approvalDate: String?
        var centralAllocated: String; var contracted: String; var disbursed: String; var disbursementRate: String?
        var localMatching: String; var enterprise: String; var completion: String?
        var subsystems: [SubsystemCompletionDTO]; var overdueTasks: Int; var dueSoonTasks: Int
        var alignmentWarnings: [String]
    }

    struct SubsystemCompletionDTO: Content { var code: String; var name: String; var completion: String? }

    @Sendable func summary(_ req: Request) async throws -> SummaryDTO {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        let info = view.plan.info
        let counts = Deadlines.counts(view.deadlines)
        return SummaryDTO(
            id: view.record.id, county: info.countyCode, batchYear: info.batchYear, title: info.title, status: info.status.rawValue,
            approvalDate: info.approvalDate?.iso, centralAllocated: info.centralFundsAllocated.wanYuanText, contracted: view.funds.contracted.wanYuanText,
            disbursed: view.funds.totalDisbursed.wanYuanText, disbursementRate: view.funds.totalRate?.percentText,
            localMatching: info.localMatchingFunds.wanYuanText, enterprise: info.enterpriseFunds.wanYuanText, completion: view.completion.overall.map { Percent.text($0) },
            subsystems: view.completion.subsystems.map { SubsystemCompletionDTO(code: $0.subsystem.code, name: $0.subsystem.name, completion: $0.rate.map { Percent.text($0) }) },
            overdueTasks: counts[.overdue] ?? 0, dueSoonTasks: counts[.dueSoon] ?? 0,
            alignmentWarnings: view.indicators.alignment.compactMap(\.warning))
    }

    // MARK: plan entities

    struct SubsystemDTO: Content { var id: UUID?; var code: String; var name: String; var order: Int }

    @Sendable func subsystems(_ req: Request) async throws -> List<SubsystemDTO> {
        _ = try req.requireUser()
        let list = try await ProgrammeQueries.subsystems(of: try await req.programme(), on: req.db)
        return Self.list(list.map { SubsystemDTO(id: $0.id, code: $0.code, name: $0.name, order: $0.sortOrder) })
    }

    struct TaskDTO: Content {
        var id: UUID?; var code: String; var subsystemCode: String; var name: String; var description: String
        var hardwareDeadline: String?; var operationDeadline: String?; var deadlineNote: String
        var responsibleUnits: [String]; var contractors: [String]; var completion: String?; var deadlineStatus: String?
    }

    func taskDTO(_ t: TaskRecord, _ view: ProgrammeData) -> TaskDTO {
        TaskDTO(id: t.id, code: t.code, subsystemCode: t.subsystemCode, name: t.name, description: t.description,
                hardwareDeadline: t.hardwareDeadline, operationDeadline: t.operationDeadline, deadlineNote: t.deadlineNote,
                responsibleUnits: ProgrammeSnapshotLoader.split(t.responsibleUnits), contractors: ProgrammeSnapshotLoader.split(t.contractors),
                completion: view.completion.task(t.code)?.rate.map { Percent.text($0) }, deadlineStatus: view.deadline(of: t.code)?.status.rawValue)
    }

    @Sendable func tasks(_ req: Request) async throws -> List<TaskDTO> {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        return Self.list(view.rows.tasks.map { taskDTO($0, view) })
    }

    @Sendable func task(_ req: Request) async throws -> TaskDTO {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        guard let t = view.rows.task(try req.uuid("id")) else { throw Abort(.notFound) }
        return taskDTO(t, view)
    }

    struct TargetDTO: Content {
        var id: UUID?; var code: String; var taskCode: String; var metric: String; var unit: String; var comparator: String; var value: String
        var source: String; var actual: String?; var completion: String?; var judgedRate: String?; var judgedReason: String
    }

    func targetDTO(_ t: TargetRecord, _ view: ProgrammeData) -> TargetDTO {
        let c = view.completion.target(t.code)
        return TargetDTO(id: t.id, code: t.code, taskCode: t.taskCode, metric: t.metric, unit: t.unit, comparator: t.comparator, value: t.value,
                         source: t.source, actual: c?.actual.map { ProgrammeFormat.decimal($0) }, completion: c?.rate.map { Percent.text($0) },
                         judgedRate: t.judgedRate, judgedReason: t.judgedReason)
    }

    @Sendable func targets(_ req: Request) async throws -> List<TargetDTO> {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        return Self.list(view.rows.targets.map { targetDTO($0, view) })
    }

    @Sendable func target(_ req: Request) async throws -> TargetDTO {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        guard let t = view.rows.target(try req.uuid("id")) else { throw Abort(.notFound) }
        return targetDTO(t, view)
    }

    struct TargetPatch: Content { var judgedPercent: String?; var judgedReason: String? }

    @Sendable func patchTarget(_ req: Request) async throws -> TargetDTO {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        guard let t = try await ProgrammeQueries.target(try req.uuid("id"), of: programme, on: req.db) else { throw Abort(.notFound) }
        let patch = try req.content.decode(TargetPatch.self)
        do {
            try await ProgrammeEdits.setJudgedRate(t, percent: patch.judgedPercent ?? "", reason: patch.judgedReason ?? "", actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            // Name the fields as the API calls them.
            throw ValidationFailure(Dictionary(uniqueKeysWithValues: failure.fields.map { ($0.key == "percent" ? "judgedPercent" : "judgedReason", $0.value) }))
        }
        return targetDTO(t, try await ProgrammeData.load(req, record: programme))
    }

    struct ContractorDTO: Content {
        var id: UUID?; var name: String; var creditCode: String; var creditCodeValid: Bool; var selection: String; var agreementDate: String?; var consortium: String
    }

    func contractorDTO(_ c: ContractorRecord) -> ContractorDTO {
        ContractorDTO(id: c.id, name: c.name, creditCode: c.creditCode, creditCodeValid: Identifiers.isValidCreditCode(c.creditCode),
                      selection: c.selection, agreementDate: c.agreementDate, consortium: c.consortium)
    }

    @Sendable func contractors(_ req: Request) async throws -> List<ContractorDTO> {
        _ = try req.requireUser()
        return Self.list(try await ProgrammeQueries.contractors(of: try await req.programme(), on: req.db).map(contractorDTO))
    }

    @Sendable func contractor(_ req: Request) async throws -> ContractorDTO {
        _ = try req.requireUser()
        guard let c = try await ProgrammeQueries.contractor(try req.uuid("id"), of: try await req.programme(), on: req.db) else { throw Abort(.notFound) }
        return contractorDTO(c)
    }

    struct FundRowDTO: Content {
        var id: UUID?; var contractorID: UUID; var content: String; var subsystemCode: String; var planned: String; var disbursed: String
        var rate: String?; var category: String
    }

    @Sendable func fundRows(_ req: Request) async throws -> List<FundRowDTO> {
        _ = try req.requireUser()
        let view = try await ProgrammeData.load(req)
        return Self.list(view.rows.fundRows.map { r in
            // Matched by contractor and content (the row's key), not by position.
            let computed = view.funds.rows.first { $0.contractor == view.rows.contractorName(r.contractorID) && $0.content == r.content }
            return FundRowDTO(id: r.id, contractorID: r.contractorID, content: r.content, subsystemCode: r.subsystemCode,
                              planned: Money(fen: r.plannedFen).wanYuanText, disbursed: computed?.disbursed.wanYuanText ?? "0.00",
                              rate: computed?.rate?.percentText, category: r.category)
        })
    }

    // MARK: disbursements

    struct DisbursementDTO: Content {
        var id: UUID?; var fundRowID: UUID; var date: String; var amountYuan: String; var tranche: String; var basis: String
        var category: String; var status: String; var createdBy: String?; var approvedBy: String?; var reviewComment: String
    }

    func disbursementDTO(_ d: DisbursementRecord) -> DisbursementDTO {
        DisbursementDTO(id: d.id, fundRowID: d.fundRowID, date: d.date, amountYuan: Money(fen: d.amountFen).yuanText, tranche: d.tranche,
                        basis: d.basis, category: d.category, status: d.status, createdBy: d.createdBy, approvedBy: d.approvedBy, reviewComment: d.reviewComment)
    }

    @Sendable func disbursements(_ req: Request) async throws -> List<DisbursementDTO> {
        _ = try req.requireUser()
        return Self.list(try await ProgrammeQueries.disbursements(of: try await req.programme(), on: req.db).map(disbursementDTO))
    }

    @Sendable func disbursement(_ req: Request) async throws -> DisbursementDTO {
        _ = try req.requireUser()
        let p = try await req.programme()
        guard let d = try await Disbursements.find(try req.uuid("id"), programme: p, on: req.db) else { throw Abort(.notFound) }
        return disbursementDTO(d)
    }

    struct NewDisbursementDTO: Content { var fundRowID: UUID; var date: String; var amountYuan: String; var tranche: String; var basis: String?; var category: String? }

    @Sendable func createDisbursement(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let p = try await req.programme()
        let input = try req.content.decode(NewDisbursementDTO.self)
        let d = try await Disbursements.create(NewDisbursement(fundRowID: input.fundRowID, date: input.date, amountYuan: input.amountYuan,
                                                               tranche: input.tranche, basis: input.basis ?? "", category: input.category ?? ""),
                                               programme: p, actor: req.actor, on: req.db)
        return try Self.created(disbursementDTO(d), location: .disbursement(try d.requireID()))
    }

    struct ReviewDTO: Content { var decision: String; var comment: String? }

    @Sendable func reviewDisbursement(_ req: Request) async throws -> DisbursementDTO {
        _ = try req.require(.approveDisbursements)
        let p = try await req.programme()
        guard let d = try await Disbursements.find(try req.uuid("id"), programme: p, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(ReviewDTO.self)
        guard ["approve", "reject"].contains(input.decision) else { throw ValidationFailure(["decision": "error.invalid"]) }
        try await Disbursements.review(d, approve: input.decision == "approve", comment: input.comment ?? "", actor: req.actor, on: req.db)
        return disbursementDTO(d)
    }

    // MARK: progress

    struct ProgressDTO: Content {
        var id: UUID?; var targetCode: String; var asOf: String; var actual: String; var narrative: String; var status: String
        var reviewComment: String; var submittedBy: String?; var reviewedBy: String?
    }

    func progressDTO(_ r: ProgressRecord) -> ProgressDTO {
        ProgressDTO(id: r.id, targetCode: r.targetCode, asOf: r.asOf, actual: r.actual, narrative: r.narrative, status: r.status,
                    reviewComment: r.reviewComment, submittedBy: r.submittedBy, reviewedBy: r.reviewedBy)
    }

    @Sendable func progressList(_ req: Request) async throws -> List<ProgressDTO> {
        _ = try req.requireUser()
        let p = try await req.programme()
        let status = try req.apiEnum("status", ProgressStatus.self)
        return Self.list(try await ProgrammeQueries.progress(of: p, status: status, on: req.db).map(progressDTO))
    }

    @Sendable func progress(_ req: Request) async throws -> ProgressDTO {
        _ = try req.requireUser()
        let p = try await req.programme()
        guard let r = try await ProgressReports.find(try req.uuid("id"), programme: p, on: req.db) else { throw Abort(.notFound) }
        return progressDTO(r)
    }

    struct NewProgressDTO: Content { var targetID: UUID; var asOf: String; var actual: String; var narrative: String? }

    @Sendable func createProgress(_ req: Request) async throws -> Response {
        let p = try await req.programme()
        let contractors = try await req.reportingContractors(p)
        let input = try req.content.decode(NewProgressDTO.self)
        do {
            let r = try await ProgressReports.submit(NewProgress(targetID: input.targetID, asOf: input.asOf, actual: input.actual, narrative: input.narrative ?? ""),
                                                     programme: p, contractorNames: contractors, actor: req.actor, on: req.db)
            return try Self.created(progressDTO(r), location: .progress(try r.requireID()))
        } catch ProgrammeError.notFound { throw Abort(.notFound) } catch ProgrammeError.forbidden { throw Abort(.forbidden) }
    }

    @Sendable func reviewProgress(_ req: Request) async throws -> ProgressDTO {
        _ = try req.require(.verifyProgress)
        let p = try await req.programme()
        guard let r = try await ProgressReports.find(try req.uuid("id"), programme: p, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(ReviewDTO.self)
        guard ["verify", "return"].contains(input.decision) else { throw ValidationFailure(["decision": "error.invalid"]) }
        try await ProgressReports.review(r, verify: input.decision == "verify", comment: input.comment ?? "", actor: req.actor, on: req.db)
        return progressDTO(r)
    }

    static func created<T: Content>(_ body: T, location: APIURL) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(body)
        response.headers.replaceOrAdd(name: .location, value: location.path)
        return response
    }
}
