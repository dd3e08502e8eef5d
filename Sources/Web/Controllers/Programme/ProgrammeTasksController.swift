import Composition
import Accounts
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Tasks and targets with their completion and deadline status; progress and judged-rate forms.
struct ProgrammeTasksController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeTasks, use: index)
        routes.get(.programmeTask(Placeholder.id), use: show)
        routes.post(.targetJudged(Placeholder.id), use: judged)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let view = try await ProgrammeView.load(req)
        let filter = req.query[String.self, at: "status"].flatMap(DeadlineStatus.init(rawValue:))
        let ids = try await taskIDs(view.record, req)
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("programme.tasks")) {
            ProgrammeViews.subnav(chrome)
            el("form", ["method": "get", "action": SiteURL.programmeTasks.path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["status": filter?.rawValue ?? ""]), name: "status", label: chrome.t("task.status"),
                             options: [("", chrome.t("common.all"))] + DeadlineStatus.allCases.map { ($0.rawValue, chrome.t("deadline.\($0.rawValue)")) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.filter") }
            }
            for subsystem in view.completion.subsystems {
                let tasks = subsystem.tasks.filter { filter == nil || view.deadline(of: $0.task.code)?.status == filter }
                if !tasks.isEmpty {
                    el("h2") { "\(subsystem.subsystem.code). \(subsystem.subsystem.name) · " + chrome.t("target.rate") + " " + Percent.text(subsystem.rate) }
                    el("div", ["class": "table-wrap"]) { el("table") {
                        el("thead") { el("tr") {
                            for key in ["task.code", "task", "target", "target.rate", "task.hardwareDeadline", "task.status"] { el("th") { chrome.t(key) } }
                        } }
                        el("tbody") { for t in tasks { ProgrammeTaskViews.row(chrome, t, deadline: view.deadline(of: t.task.code), id: ids[t.task.code]) } }
                    } }
                }
            }
        })
    }

    func taskIDs(_ programme: ProgrammeRecord, _ req: Request) async throws -> [String: UUID] {
        let tasks = try await TaskRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).all()
        return Dictionary(tasks.compactMap { t in t.id.map { (t.code, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let programme = try await req.programme()
        let programmeID = try programme.requireID()
        guard let task = try await TaskRecord.query(on: req.db).filter(\.$id == (try req.uuid("id"))).filter(\.$programmeID == programmeID).first()
        else { throw Abort(.notFound) }
        let view = try await ProgrammeView.load(req, record: programme)
        guard let completion = view.completion.task(task.code) else { throw Abort(.notFound) }
        let targets = try await TargetRecord.query(on: req.db).filter(\.$programmeID == programmeID).filter(\.$taskCode == task.code).all()
        let progress = try await ProgressRecord.query(on: req.db).filter(\.$programmeID == programmeID)
            .filter(\.$targetCode ~~ targets.map(\.code)).sort(\.$createdAt, .descending).all()
        let evidence = try await EvidenceRecord.query(on: req.db).filter(\.$ownerID ~~ progress.compactMap(\.id)).all()
        let reporters = user.userRole.can(.reportProgress) ? try await req.reportingContractors(programme) : []
        let mayReport = user.userRole.can(.reportProgress) && (reporters == nil || !Set(reporters ?? []).isDisjoint(with: completion.task.contractors))
        let chrome = try await req.chrome()
        let deadline = view.deadline(of: task.code)
        return .html(Layout.page(chrome, title: "\(task.code) \(task.name)") {
            ProgrammeViews.subnav(chrome)
            el("div", ["class": "panel"]) {
                if !task.description.isEmpty { el("p") { task.description } }
                el("p") {
                    chrome.t("task.hardwareDeadline") + "：" + (task.hardwareDeadline ?? "—") + " · " + chrome.t("task.operationDeadline") + "：" + (task.operationDeadline ?? "—")
                    if let deadline { " "; ProgrammeTaskViews.deadlineTag(chrome, deadline.status) }
                }
                if !task.deadlineNote.isEmpty { el("p", ["class": "muted"]) { task.deadlineNote } }
                el("p") { chrome.t("task.responsible") + "：" + task.responsibleUnits }
                el("p") { chrome.t("task.contractors") + "：" + (task.contractors.isEmpty ? "—" : task.contractors) }
            }
            for target in targets {
                let c = completion.targets.first { $0.target.code == target.code }
                el("div", ["class": "panel"]) {
                    el("h2") { "\(target.code) " + (c.map { ProgrammeFormat.target($0.target) } ?? target.metric) }
                    el("p") {
                        chrome.t("target.actual") + "：" + (c?.actual.map { ProgrammeFormat.decimal($0) + " " + target.unit } ?? "—")
                        if c?.actualSource == .indicator { " " + chrome.t("target.source.network") }
                        " · " + chrome.t("target.rate") + "："
                        el("strong") { c?.rateText ?? "—" }
                        if let reason = c?.judgedReason { " （" + chrome.t("target.judged") + "：" + reason + "）" }
                    }
                    if mayReport, let id = target.id { ProgrammeTaskViews.progressForm(chrome, req.context, targetID: id) }
                    if user.userRole.can(.editProgramme), let id = target.id { ProgrammeTaskViews.judgedForm(chrome, req.context, target: target, id: id) }
                }
            }
            el("h2") { chrome.t("progress.history") }
            if progress.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } }
            for r in progress {
                ProgrammeViews.progressCard(chrome, r, target: targets.first { $0.code == r.targetCode }, evidence: evidence.filter { $0.ownerID == r.id },
                                            reviewForm: user.userRole.can(.verifyProgress) && r.status == ProgressStatus.submitted.rawValue ? req.context : nil)
            }
        })
    }

    struct Judged: Content { var percent: String?; var reason: String? }

    @Sendable func judged(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        guard let target = try await TargetRecord.query(on: req.db).filter(\.$id == (try req.uuid("id")))
            .filter(\.$programmeID == (try programme.requireID())).first() else { throw Abort(.notFound) }
        let input = try req.content.decode(Judged.self)
        try await ProgrammeEdits.setJudgedRate(target, percent: input.percent ?? "", reason: input.reason ?? "", actor: req.actor, on: req.db)
        let task = try await TaskRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).filter(\.$code == target.taskCode).first()
        return req.redirect(to: (task?.id.map { SiteURL.programmeTask($0).path } ?? SiteURL.programmeTasks.path) + "?flash=common.saved")
    }
}

enum ProgrammeTaskViews {
    static func deadlineTag(_ chrome: PageChrome, _ status: DeadlineStatus) -> Node {
        ProgrammeViews.tag(chrome.t("deadline.\(status.rawValue)"), off: status == .overdue)
    }

    static func row(_ chrome: PageChrome, _ t: TaskCompletion, deadline: TaskDeadline?, id: UUID?) -> Node {
        el("tr") {
            el("td") { t.task.code }
            el("td") { if let id { el("a", ["href": SiteURL.programmeTask(id).path]) { t.task.name } } else { t.task.name } }
            el("td") { targetList(chrome, t.targets) }
            el("td", ["class": "num"]) { Percent.text(t.rate) }
            el("td") { t.task.hardwareDeadline?.iso ?? "—" }
            el("td") { if let deadline { deadlineTag(chrome, deadline.status) } }
        }
    }

    /// Each target on its own line: the goal, what was achieved and its rate.
    static func targetList(_ chrome: PageChrome, _ targets: [TargetCompletion]) -> Node {
        el("ul", ["class": "targets"]) {
            for c in targets {
                el("li") {
                    ProgrammeFormat.target(c.target) + "："
                    el("strong") { c.actual.map { ProgrammeFormat.decimal($0) + " " + c.target.unit } ?? "—" }
                    el("span", ["class": "muted"]) { " (" + c.rateText + ")" }
                }
            }
        }
    }

    static func deadlineList(_ chrome: PageChrome, _ list: [TaskDeadline]) -> Node {
        el("ul", ["class": "panel"]) {
            for d in list { el("li") { "\(d.task.code) \(d.task.name) · " + (d.deadline?.iso ?? "") } }
        }
    }

    static func progressForm(_ chrome: PageChrome, _ context: RequestContext, targetID: UUID) -> Node {
        el("details") {
            el("summary") { chrome.t("progress.submit") }
            el("form", ["method": "post", "action": SiteURL.targetProgress(targetID).path, "enctype": "multipart/form-data"]) {
                Layout.csrfField(context)
                Forms.field(chrome, FormState(values: ["asOf": Day.today().iso]), name: "asOf", label: chrome.t("progress.asOf"), type: "date", required: true)
                Forms.field(chrome, FormState(), name: "actual", label: chrome.t("progress.actual"), type: "text", required: true)
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-narrative-\(targetID)"]) { chrome.t("progress.narrative") }
                    el("textarea", ["id": "f-narrative-\(targetID)", "name": "narrative", "rows": "3"])
                }
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file-\(targetID)"]) { chrome.t("progress.evidence") }
                    el("input", ["id": "f-file-\(targetID)", "type": "file", "name": "file", "accept": "image/jpeg,image/png,application/pdf"])
                }
                el("div", ["class": "field"]) { el("label") { el("input", ["type": "checkbox", "name": "evidencePublic", "value": "on"]); " " + chrome.t("progress.evidence.public") } }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("progress.submit") }
            }
        }
    }

    static func judgedForm(_ chrome: PageChrome, _ context: RequestContext, target: TargetRecord, id: UUID) -> Node {
        let current = target.judgedRate.flatMap { Decimal(string: $0) }.map { ProgrammeFormat.decimal($0 * 100) } ?? ""
        return el("details") {
            el("summary") { chrome.t("target.judged") }
            el("form", ["method": "post", "action": SiteURL.targetJudged(id).path, "class": "filters"]) {
                Layout.csrfField(context)
                Forms.field(chrome, FormState(values: ["percent": current]), name: "percent", label: chrome.t("target.judged.percent"))
                Forms.field(chrome, FormState(values: ["reason": target.judgedReason]), name: "reason", label: chrome.t("target.judged.reason"))
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
            }
        }
    }
}
