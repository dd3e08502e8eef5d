import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// 建设任务 — tasks by subsystem with their targets, completion and deadline status, filtered by
/// deadline status (the dashboard's overdue and due-soon cards link here).
enum ProgrammeTasksPage {
    struct Model: Sendable {
        var programme: ProgrammeData
        /// Only tasks of this deadline status; nil shows all.
        var filter: DeadlineStatus?
    }

    static func load(_ req: Request) async throws -> Model {
        _ = try req.requireUser()
        let data = try await ProgrammeData.load(req)
        return Model(programme: data, filter: req.query[String.self, at: "status"].flatMap(DeadlineStatus.init(rawValue:)))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let data = m.programme
        return Layout.page(chrome, title: chrome.t("programme.tasks")) {
            ProgrammeParts.subnav(chrome)
            el("form", ["method": "get", "action": SiteURL.programmeTasks.path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["status": m.filter?.rawValue ?? ""]), name: "status", label: chrome.t("task.status"),
                             options: [("", chrome.t("common.all"))] + DeadlineStatus.allCases.map { ($0.rawValue, chrome.t("deadline.\($0.rawValue)")) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.filter") }
            }
            for subsystem in data.completion.subsystems {
                let tasks = subsystem.tasks.filter { m.filter == nil || data.deadline(of: $0.task.code)?.status == m.filter }
                if !tasks.isEmpty {
                    el("h2") { "\(subsystem.subsystem.code). \(subsystem.subsystem.name) · " + chrome.t("target.rate") + " " + Percent.text(subsystem.rate) }
                    el("div", ["class": "table-wrap"]) { el("table") {
                        el("thead") { el("tr") {
                            for key in ["task.code", "task", "target", "target.rate", "task.hardwareDeadline", "task.status"] { el("th") { chrome.t(key) } }
                        } }
                        el("tbody") { for t in tasks { row(chrome, t, deadline: data.deadline(of: t.task.code), id: data.rows.task(code: t.task.code)?.id) } }
                    } }
                }
            }
        }
    }

    static func row(_ chrome: PageChrome, _ t: TaskCompletion, deadline: TaskDeadline?, id: UUID?) -> Node {
        el("tr") {
            el("td") { t.task.code }
            el("td") { if let id { el("a", ["href": SiteURL.programmeTask(id).path]) { t.task.name } } else { t.task.name } }
            el("td") { ProgrammeParts.targetList(chrome, t.targets) }
            el("td", ["class": "num"]) { Percent.text(t.rate) }
            el("td") { t.task.hardwareDeadline?.iso ?? "—" }
            el("td") { if let deadline { ProgrammeParts.deadlineTag(chrome, deadline.status) } }
        }
    }
}
