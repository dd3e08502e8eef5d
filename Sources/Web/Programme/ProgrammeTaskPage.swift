import Accounts
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// One task: its deadlines and units, each target with its completion, the progress form (for
/// whoever may report on it), the judged-rate form (the county) and the history of reports.
enum ProgrammeTaskPage {
    struct Model: Sendable {
        var task: TaskRecord
        var completion: TaskCompletion
        var deadline: TaskDeadline?
        var targets: [TargetRecord]
        /// Reports on the task's targets, newest first.
        var progress: [ProgressRecord]
        var evidence: [EvidenceRecord]
        var mayReport: Bool
        var mayJudge: Bool
        var mayVerify: Bool
        /// The progress form's default date.
        var today: Day
        /// A refused report, shown again in its target's form with the reasons.
        var refused: (targetID: UUID, form: FormState)?
    }

    /// `taskID` defaults to the route's; `refused` is a report sent back to its form.
    static func load(_ req: Request, taskID: UUID? = nil, refused: (targetID: UUID, form: FormState)? = nil) async throws -> Model {
        let user = try req.requireUser()
        let data = try await ProgrammeData.load(req)
        guard let task = data.rows.task(try taskID ?? req.uuid("id")), let completion = data.completion.task(task.code) else { throw Abort(.notFound) }
        let targets = data.rows.targets.filter { $0.taskCode == task.code }
        let codes = Set(targets.map(\.code))
        let progress = data.rows.progress.filter { codes.contains($0.targetCode) }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
        let role = user.userRole
        let reporters = role.can(.reportProgress) ? try await req.reportingContractors(data.record) : []
        let mayReport = role.can(.reportProgress) && (reporters == nil || !Set(reporters ?? []).isDisjoint(with: completion.task.contractors))
        return Model(task: task, completion: completion, deadline: data.deadline(of: task.code), targets: targets, progress: progress,
                     evidence: try await Evidence.list(owners: progress.compactMap(\.id), on: req.db),
                     mayReport: mayReport, mayJudge: role.can(.editProgramme), mayVerify: role.can(.verifyProgress), today: .today(),
                     refused: refused)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: "\(m.task.code) \(m.task.name)") {
            ProgrammeParts.subnav(chrome)
            facts(chrome, m)
            for target in m.targets { targetPanel(chrome, m, target) }
            el("h2") { chrome.t("progress.history") }
            if m.progress.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } }
            for r in m.progress {
                ProgrammeParts.progressCard(chrome, r, target: m.targets.first { $0.code == r.targetCode }, evidence: m.evidence.filter { $0.ownerID == r.id },
                                            reviewable: m.mayVerify && r.status == ProgressStatus.submitted.rawValue)
            }
        }
    }

    static func facts(_ chrome: PageChrome, _ m: Model) -> Node {
        let task = m.task
        return el("div", ["class": "panel"]) {
            if !task.description.isEmpty { el("p") { task.description } }
            el("p") {
                chrome.t("task.hardwareDeadline") + "：" + (task.hardwareDeadline ?? "—") + " · " + chrome.t("task.operationDeadline") + "：" + (task.operationDeadline ?? "—")
                if let deadline = m.deadline { " "; ProgrammeParts.deadlineTag(chrome, deadline.status) }
            }
            if !task.deadlineNote.isEmpty { el("p", ["class": "muted"]) { task.deadlineNote } }
            el("p") { chrome.t("task.responsible") + "：" + task.responsibleUnits }
            el("p") { chrome.t("task.contractors") + "：" + (task.contractors.isEmpty ? "—" : task.contractors) }
        }
    }

    static func targetPanel(_ chrome: PageChrome, _ m: Model, _ target: TargetRecord) -> Node {
        let c = m.completion.targets.first { $0.target.code == target.code }
        return el("div", ["class": "panel"]) {
            el("h2") { "\(target.code) " + (c.map { ProgrammeFormat.target($0.target) } ?? target.metric) }
            el("p") {
                chrome.t("target.actual") + "：" + (c?.actual.map { ProgrammeFormat.decimal($0) + " " + target.unit } ?? "—")
                if c?.actualSource == .indicator { " " + chrome.t("target.source.network") }
                " · " + chrome.t("target.rate") + "："
                el("strong") { c?.rateText ?? "—" }
                if let reason = c?.judgedReason { " （" + chrome.t("target.judged") + "：" + reason + "）" }
            }
            if m.mayReport, let id = target.id {
                progressForm(chrome, targetID: id, form: m.refused?.targetID == id ? m.refused?.form : nil, today: m.today)
            }
            if m.mayJudge, let id = target.id { judgedForm(chrome, target: target, id: id) }
        }
    }

    /// The report form of one target; `form` is a refused report (the form opens, as typed).
    static func progressForm(_ chrome: PageChrome, targetID: UUID, form refused: FormState?, today: Day) -> Node {
        let form = refused ?? FormState(values: ["asOf": today.iso])
        return el("details", ["open": refused == nil ? nil : ""]) {
            el("summary") { chrome.t("progress.submit") }
            Forms.uploadForm(chrome, action: SiteURL.targetProgress(targetID).path, class: nil) {
                Forms.errorSummary(chrome, form, fields: [("asOf", chrome.t("progress.asOf")), ("actual", chrome.t("progress.actual")),
                                                          ("narrative", chrome.t("progress.narrative")), ("file", chrome.t("progress.evidence"))])
                Forms.field(chrome, form, name: "asOf", label: chrome.t("progress.asOf"), type: "date", required: true)
                Forms.field(chrome, form, name: "actual", label: chrome.t("progress.actual"), type: "text", required: true)
                el("div", ["class": form.errors["narrative"] == nil ? "field" : "field invalid"]) {
                    el("label", ["for": "f-narrative-\(targetID)"]) { chrome.t("progress.narrative") }
                    el("textarea", ["id": "f-narrative-\(targetID)", "name": "narrative", "rows": "3"]) { form["narrative"] }
                    if let e = form.errors["narrative"] { el("p", ["class": "error"]) { chrome.t(e) } }
                }
                Forms.file(chrome, form, label: chrome.t("progress.evidence"), accept: Evidence.contentTypes.joined(separator: ","), required: false, id: "f-file-\(targetID)")
                el("div", ["class": "field"]) {
                    el("label") { el("input", ["type": "checkbox", "name": "evidencePublic", "value": "on", "checked": form["evidencePublic"] == "on" ? "" : nil]); " " + chrome.t("progress.evidence.public") }
                }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("progress.submit") }
            }
        }
    }

    static func judgedForm(_ chrome: PageChrome, target: TargetRecord, id: UUID) -> Node {
        let current = target.judgedRate.flatMap { Decimal(string: $0) }.map { ProgrammeFormat.decimal($0 * 100) } ?? ""
        return el("details") {
            el("summary") { chrome.t("target.judged") }
            el("form", ["method": "post", "action": SiteURL.targetJudged(id).path, "class": "filters"]) {
                Layout.csrfField(chrome.context)
                Forms.field(chrome, FormState(values: ["percent": current]), name: "percent", label: chrome.t("target.judged.percent"))
                Forms.field(chrome, FormState(values: ["reason": target.judgedReason]), name: "reason", label: chrome.t("target.judged.reason"))
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
            }
        }
    }
}
