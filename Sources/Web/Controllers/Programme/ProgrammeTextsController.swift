import Accounts
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Contractors list and the narrative texts of the self-assessment report.
struct ProgrammeTextsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeContractors, use: contractors)
        routes.get(.narratives, use: narratives)
        routes.post(.narratives, limit: "1mb", use: saveNarratives)
    }

    @Sendable func contractors(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let programme = try await req.programme()
        let list = try await ContractorRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).sort(\.$name).all()
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("programme.contractors")) {
            ProgrammeViews.subnav(chrome)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["contractor.name", "contractor.creditCode", "contractor.selection", "contractor.agreement", "contractor.consortium"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") {
                    for c in list {
                        el("tr") {
                            el("td") { c.name }
                            el("td") {
                                c.creditCode.isEmpty ? "—" : c.creditCode
                                if !c.creditCode.isEmpty && !Identifiers.isValidCreditCode(c.creditCode) {
                                    el("br"); ProgrammeViews.tag(chrome.t("contractor.creditCode.warning"), off: true)
                                }
                            }
                            el("td") { c.selection }
                            el("td") { c.agreementDate ?? "—" }
                            el("td") { c.consortium.isEmpty ? "—" : c.consortium }
                        }
                    }
                }
            } }
        })
    }

    /// The keys the county writes: fixed sections plus one progress text per subsystem.
    static func keys(_ subsystems: [SubsystemRecord], _ chrome: PageChrome) -> [(String, String)] {
        // In the report's order: introduction and organisation, progress per subsystem, then the rest.
        let label = { (key: String) in (key, chrome.t("narrative.\(key)")) }
        let head = [NarrativeKey.introduction, NarrativeKey.coordination, NarrativeKey.contractors, NarrativeKey.rules,
                    NarrativeKey.disclosure, NarrativeKey.supervision].map(label)
        let perSubsystem = subsystems.map { (NarrativeKey.progress($0.code), chrome.t("narrative.progress", $0.name)) }
        let tail = NarrativeKey.fixed.filter { key in !head.contains { $0.0 == key } }.map(label)
        return head + perSubsystem + tail
    }

    @Sendable func narratives(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let programme = try await req.programme()
        let id = try programme.requireID()
        let texts = try await NarrativeRecord.query(on: req.db).filter(\.$programmeID == id).all()
        let subsystems = try await SubsystemRecord.query(on: req.db).filter(\.$programmeID == id).sort(\.$sortOrder).all()
        let chrome = try await req.chrome()
        let editable = user.userRole.can(.editProgramme)
        return .html(Layout.page(chrome, title: chrome.t("programme.narratives")) {
            ProgrammeViews.subnav(chrome)
            el("form", ["method": "post", "action": SiteURL.narratives.path, "class": "panel"]) {
                Layout.csrfField(req.context)
                for (key, label) in Self.keys(subsystems, chrome) {
                    el("div", ["class": "field"]) {
                        el("label", ["for": "n-\(key)"]) { label }
                        el("textarea", ["id": "n-\(key)", "name": "texts[\(key)]", "rows": "5", "readonly": editable ? nil : ""]) {
                            texts.first { $0.key == key }?.text ?? ""
                        }
                    }
                }
                if editable { el("button", ["type": "submit", "class": "btn"]) { chrome.t("narrative.save") } }
            }
        })
    }

    struct Texts: Content { var texts: [String: String]? }

    @Sendable func saveNarratives(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        let subsystems = try await SubsystemRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).all()
        let allowed = Set(NarrativeKey.fixed + subsystems.map { NarrativeKey.progress($0.code) })
        let texts = (try req.content.decode(Texts.self).texts ?? [:]).filter { allowed.contains($0.key) }
            .mapValues { String($0.prefix(20_000)) }
        try await ProgrammeEdits.saveNarratives(texts, programme: programme, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.narratives.path + "?flash=common.saved")
    }
}
