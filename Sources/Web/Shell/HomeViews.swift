import Accounts
import Composition
import Divisions
import XiangcunKit

/// The parts of the home page that depend on the role.
enum HomeViews {
    /// 待办: each item says what waits and links to the page where it is done, in one tap.
    static func inbox(_ chrome: PageChrome, _ items: [InboxItem]) -> Node {
        el("section", ["class": "panel inbox", "aria-labelledby": "inbox-title"]) {
            el("h2", ["id": "inbox-title"]) { chrome.t("inbox.title") }
            el("ul") {
                for item in items {
                    el("li") {
                        el("a", ["class": item.kind == .monthlyRecordDue ? "btn" : nil, "href": link(item)]) { text(chrome, item) }
                        if item.kind == .progressReturned, let comment = item.detail, !comment.isEmpty {
                            el("br"); el("small", ["class": "muted"]) { chrome.t("inbox.comment", comment) }
                        }
                    }
                }
            }
        }
    }

    static func text(_ chrome: PageChrome, _ item: InboxItem) -> String {
        item.kind == .monthlyRecordDue ? chrome.t("inbox.monthlyRecordDue", item.detail ?? "") : chrome.t("inbox.\(item.kind.rawValue)", "\(item.count)")
    }

    static func link(_ item: InboxItem) -> String {
        switch item.kind {
        case .progressReturned: return SiteURL.programmeProgress.path + "?status=returned"
        case .progressAwaitingReview: return SiteURL.programmeProgress.path + "?status=submitted"
        case .disbursementsAwaitingApproval: return SiteURL.programmeFunds.path
        case .tasksOverdue: return SiteURL.programmeTasks.path + "?status=overdue"
        case .tasksDueSoon: return SiteURL.programmeTasks.path + "?status=dueSoon"
        case .monthlyRecordDue:
            guard let station = item.subject else { return SiteURL.section(.network).path }
            return SiteURL.networkRecordNew(station).path + "?month=" + (item.detail ?? "")
        }
    }

    /// A province viewer's counties with their headline figures; a county opens with one tap.
    static func province(_ chrome: PageChrome, _ rows: [CountyFigures], withoutData: Int) -> Node {
        el("section") {
            el("h2") { chrome.t("home.province.title") }
            el("p") { el("a", ["class": "btn", "href": SiteURL.statistics(.province).path]) { chrome.t("stats.province.open") } }
            if rows.isEmpty { el("p", ["class": "muted"]) { chrome.t("home.province.none") } } else {
                el("div", ["class": "table-wrap"]) { el("table") {
                    el("thead") { el("tr") {
                        for key in ["home.col.county", "home.col.programme", "home.col.allocated", "home.col.disbursed", "home.col.stations", "home.col.coverage", "home.col.open"] {
                            el("th") { chrome.t(key) }
                        }
                    } }
                    el("tbody") { for row in rows { provinceRow(chrome, row) } }
                } }
            }
            if withoutData > 0 { el("p", ["class": "muted"]) { chrome.t("home.province.others", "\(withoutData)") } }
        }
    }

    static func provinceRow(_ chrome: PageChrome, _ row: CountyFigures) -> Node {
        let open = SiteURL.selectCounty.path + "?county=" + (row.county.id ?? "")
        return el("tr") {
            el("td") { el("a", ["href": open]) { row.county.name } }
            el("td") { row.programmeTitle ?? "—" }
            el("td", ["class": "num"]) { row.programmeTitle == nil ? "—" : row.centralAllocated.wanYuanText }
            el("td", ["class": "num"]) { row.disbursedRate?.percentText ?? "—" }
            el("td", ["class": "num"]) { "\(row.villageStationsOperating)" }
            el("td", ["class": "num"]) { row.villageCoveragePercent.map { "\($0)%" } ?? "—" }
            el("td") { el("a", ["class": "btn secondary", "href": open]) { chrome.t("home.col.open") } }
        }
    }

    /// A county without data says so and what to import first (links only for those who may).
    static func emptyCounty(_ chrome: PageChrome, canImport: Bool) -> Node {
        el("div", ["class": "panel"]) {
            el("p") { chrome.t("home.county.empty") }
            if canImport {
                el("p") {
                    el("a", ["class": "btn secondary", "href": SiteURL.divisionsImport.path]) { chrome.t("divisions.import") }
                    " "
                    el("a", ["class": "btn secondary", "href": SiteURL.programmeImport.path]) { chrome.t("programme.import") }
                    " "
                    el("a", ["class": "btn secondary", "href": SiteURL.networkImport.path]) { chrome.t("network.import") }
                }
            }
        }
    }
}
