import Accounts

/// Which sections a role works in, and the one or two pages a phone user opens every day. The
/// staff of one capability (station operators, sorters, drivers, inspectors, producers) see their
/// own sections only, so the menu and the home page hold nothing that would answer 403.
extension Section {
    static func visible(to role: Role?) -> [Section] {
        switch role {
        case .stationOperator: return [.programme, .network, .logistics]
        case .sorter: return [.logistics, .routing]
        case .driver: return [.routing]
        case .inspector, .producer: return [.products]
        default: return allCases
        }
    }
}

/// A shortcut on the home page: a page and its label's message key.
struct Shortcut: Sendable {
    let path: String
    let key: String

    static func forRole(_ role: Role) -> [Shortcut] {
        switch role {
        case .stationOperator:
            return [Shortcut(path: SiteURL.networkFacilities.path, key: "home.shortcut.station"),
                    Shortcut(path: SiteURL.logistics(.station).path, key: "home.shortcut.stationDesk")]
        case .sorter:
            return [Shortcut(path: SiteURL.logistics(.scan).path, key: "home.shortcut.scan"),
                    Shortcut(path: SiteURL.logistics(.exceptions).path, key: "home.shortcut.exceptions")]
        case .driver: return [Shortcut(path: SiteURL.dispatch(.driver).path, key: "home.shortcut.driver")]
        case .inspector, .producer: return [Shortcut(path: SiteURL.trace(.batches).path, key: "home.shortcut.batches")]
        default: return []
        }
    }
}
