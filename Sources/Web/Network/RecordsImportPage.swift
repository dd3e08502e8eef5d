import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 导入月度数据 — monthly records in bulk (administrators): the upload, the outcome of the last
/// one, and the box that confirms implausible figures.
enum RecordsImportPage {
    /// What the last upload did.
    enum Outcome: Sendable {
        case none
        /// No file, or an empty one.
        case empty
        case saved(Int)
        /// Nothing saved yet: figures that look implausible, to confirm.
        case warnings([ImportIssue])
        /// Nothing saved: every problem found.
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
        var warnings = false
        if case .warnings = m.outcome { warnings = true }
        return Layout.page(chrome, title: chrome.t("network.import.records")) {
            NetworkViews.subnav(chrome, m.viewer, current: "")
            if let message { el("p", ["class": issues.isEmpty ? "flash" : (warnings ? "alert-warn" : "error-summary"), "role": "status"]) { message } }
            if !issues.isEmpty { NetworkViews.issues(chrome, issues) }
            Forms.uploadForm(chrome, action: SiteURL.networkRecordsImport.path) {
                Forms.file(chrome, FormState(), label: chrome.t("network.import.recordsFile"), accept: ".xlsx,.csv")
                el("p", ["class": "hint"]) { chrome.t("network.import.layout", RecordLedger.columns.map(\.zh).joined(separator: "、")) }
                if warnings { NetworkViews.checkbox("confirmed", label: chrome.t("network.plausibility.confirmImport"), checked: false) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.import.records") }
                " "
                el("a", ["href": SiteURL.networkRecordsTemplate.path]) { chrome.t("network.import.template") }
            }
        }
    }

    /// The message and the issues to list for an outcome.
    static func report(_ chrome: PageChrome, _ outcome: Outcome) -> (message: String?, issues: [ImportIssue]) {
        switch outcome {
        case .none: return (nil, [])
        case .empty: return (chrome.t("network.import.empty"), [ImportIssue(row: 0, key: "error.required")])
        case .saved(let count): return (chrome.t("network.import.recordsDone", "\(count)"), [])
        case .warnings(let warnings): return (chrome.t("network.import.warnings", "\(warnings.count)"), warnings)
        case .rejected(let issues): return (chrome.t("network.import.rejected", "\(issues.count)"), issues)
        }
    }
}
