import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 导入台账 — the station ledger upload (administrators), with the outcome of the last upload.
enum LedgerImportPage {
    /// What the last upload did.
    enum Outcome: Sendable {
        case none
        /// No file, or an empty one.
        case empty
        case imported(StationLedger.Report)
        /// Nothing imported: every problem found.
        case rejected([ImportIssue])
    }

    struct Model: Sendable {
        var viewer: NetworkViewer
        var outcome: Outcome
    }

    static func load(_ req: Request, _ viewer: NetworkViewer, outcome: Outcome = .none) async throws -> Model {
        try viewer.requireManage()
        return Model(viewer: viewer, outcome: outcome)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let (message, issues) = report(chrome, m.outcome)
        return Layout.page(chrome, title: chrome.t("network.import")) {
            NetworkViews.subnav(chrome, m.viewer, current: SiteURL.networkImport.path)
            if let message { el("p", ["class": issues.isEmpty ? "flash" : "error-summary", "role": "status"]) { message } }
            if !issues.isEmpty { NetworkViews.issues(chrome, issues) }
            Forms.uploadForm(chrome, action: SiteURL.networkImport.path) {
                Forms.file(chrome, FormState(), label: chrome.t("network.import.file"), accept: ".xlsx,.csv")
                el("p", ["class": "hint"]) { chrome.t("network.import.layout", StationLedger.columns.filter(\.importable).map(\.zh).joined(separator: "、")) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.import") }
                " "
                el("a", ["href": SiteURL.networkLedgerExport("xlsx").path]) { chrome.t("network.export") }
            }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.networkRecordsImport.path]) { chrome.t("network.import.records") } }
        }
    }

    /// The message and the issues to list for an outcome.
    static func report(_ chrome: PageChrome, _ outcome: Outcome) -> (message: String?, issues: [ImportIssue]) {
        switch outcome {
        case .none: return (nil, [])
        case .empty: return (chrome.t("network.import.empty"), [ImportIssue(row: 0, key: "error.required")])
        case .imported(let r): return (chrome.t("network.import.done", "\(r.created)", "\(r.updated)", "\(r.unchanged)"), [])
        case .rejected(let issues): return (chrome.t("network.import.rejected", "\(issues.count)"), issues)
        }
    }
}
