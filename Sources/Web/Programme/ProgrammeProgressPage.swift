import Accounts
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// 进度 — the review queue: progress reports newest first, filtered by status, each with its
/// evidence and, for auditors and the county, the verify / return form.
enum ProgrammeProgressPage {
    /// The most reports one page shows.
    static let limit = 500

    struct Model: Sendable {
        var status: ProgressStatus?
        var reports: [ProgressRecord]
        /// The programme's targets by code, to name what each report is about.
        var targets: [String: TargetRecord]
        var evidence: [EvidenceRecord]
        var mayVerify: Bool
        /// Task pages by task code, so the reviewer can open the task in one tap.
        var taskLinks: [String: String] = [:]
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        let programme = try await req.programme()
        let status = req.query[String.self, at: "status"].flatMap(ProgressStatus.init(rawValue:))
        let reports = try await ProgrammeQueries.reviewQueue(of: programme, status: status, limit: limit, on: req.db)
        let targets = try await ProgrammeQueries.targets(of: programme, on: req.db)
        return Model(status: status, reports: reports, targets: Dictionary(targets.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
                     evidence: try await Evidence.list(owners: reports.compactMap(\.id), on: req.db),
                     mayVerify: user.userRole.can(.verifyProgress),
                     taskLinks: Dictionary(try await ProgrammeQueries.tasks(of: programme, on: req.db).compactMap { t in t.id.map { (t.code, SiteURL.programmeTask($0).path) } },
                                           uniquingKeysWith: { a, _ in a }))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("programme.progress")) {
            el("form", ["method": "get", "action": SiteURL.programmeProgress.path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["status": m.status?.rawValue ?? ""]), name: "status", label: chrome.t("common.status"),
                             options: [("", chrome.t("common.all"))] + ProgressStatus.allCases.map { ($0.rawValue, chrome.t("progress.\($0.rawValue)")) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.filter") }
            }
            if m.reports.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } }
            for r in m.reports {
                ProgrammeParts.progressCard(chrome, r, target: m.targets[r.targetCode], evidence: m.evidence.filter { $0.ownerID == r.id },
                                            reviewable: m.mayVerify && r.status == ProgressStatus.submitted.rawValue,
                                            taskLink: m.targets[r.targetCode].flatMap { m.taskLinks[$0.taskCode] })
            }
        }
    }
}
