import Programme
import Vapor
import XiangcunKit

/// 承办企业 — the contractors with their credit codes (flagged when the check digit is wrong),
/// how they were selected, and their agreements.
enum ProgrammeContractorsPage {
    struct Model: Sendable {
        /// By name.
        var contractors: [ContractorRecord]
    }

    static func load(_ req: Request) async throws -> Model {
        _ = try req.requireUser()
        let programme = try await req.programme()
        return Model(contractors: try await ProgrammeQueries.contractors(of: programme, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("programme.contractors")) {
            ProgrammeParts.subnav(chrome)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["contractor.name", "contractor.creditCode", "contractor.selection", "contractor.agreement", "contractor.consortium"] { el("th") { chrome.t(key) } }
                } }
                el("tbody") { for c in m.contractors { row(chrome, c) } }
            } }
        }
    }

    static func row(_ chrome: PageChrome, _ c: ContractorRecord) -> Node {
        el("tr") {
            el("td") { c.name }
            el("td") {
                c.creditCode.isEmpty ? "—" : c.creditCode
                if !c.creditCode.isEmpty && !Identifiers.isValidCreditCode(c.creditCode) {
                    el("br"); ProgrammeParts.tag(chrome.t("contractor.creditCode.warning"), off: true)
                }
            }
            el("td") { c.selection }
            el("td") { c.agreementDate ?? "—" }
            el("td") { c.consortium.isEmpty ? "—" : c.consortium }
        }
    }
}
