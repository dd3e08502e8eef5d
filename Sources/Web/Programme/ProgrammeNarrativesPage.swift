import Accounts
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// 报告文字 — the texts the county writes for the self-assessment report, in the report's
/// order; read-only for everyone but the county administrator.
enum ProgrammeNarrativesPage {
    struct Model: Sendable {
        /// Each subsystem has a progress text of its own.
        var subsystems: [SubsystemRecord]
        /// Saved texts by key.
        var texts: [String: String]
        var editable: Bool
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        let programme = try await req.programme()
        let texts = try await ProgrammeQueries.narratives(of: programme, on: req.db)
        return Model(subsystems: try await ProgrammeQueries.subsystems(of: programme, on: req.db),
                     texts: Dictionary(texts.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a }),
                     editable: user.userRole.can(.editProgramme))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("programme.narratives")) {
            ProgrammeParts.subnav(chrome)
            el("form", ["method": "post", "action": SiteURL.narratives.path, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                for (key, label) in sections(m.subsystems, chrome) {
                    el("div", ["class": "field"]) {
                        el("label", ["for": "n-\(key)"]) { label }
                        el("textarea", ["id": "n-\(key)", "name": "texts[\(key)]", "rows": "5", "readonly": m.editable ? nil : ""]) { m.texts[key] ?? "" }
                    }
                }
                if m.editable { el("button", ["type": "submit", "class": "btn"]) { chrome.t("narrative.save") } }
            }
        }
    }

    /// The keys the county writes with their labels, in the report's order: introduction and
    /// organisation, progress per subsystem, then the rest.
    static func sections(_ subsystems: [SubsystemRecord], _ chrome: PageChrome) -> [(String, String)] {
        let label = { (key: String) in (key, chrome.t("narrative.\(key)")) }
        let head = [NarrativeKey.introduction, NarrativeKey.coordination, NarrativeKey.contractors, NarrativeKey.rules,
                    NarrativeKey.disclosure, NarrativeKey.supervision].map(label)
        let perSubsystem = subsystems.map { (NarrativeKey.progress($0.code), chrome.t("narrative.progress", $0.name)) }
        let tail = NarrativeKey.fixed.filter { key in !head.contains { $0.0 == key } }.map(label)
        return head + perSubsystem + tail
    }
}
