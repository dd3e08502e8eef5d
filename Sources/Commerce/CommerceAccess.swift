import Accounts
import XiangcunKit

/// Who may do what with the people-and-commerce ledgers, in one place for pages, API and CLI.
public enum CommerceAccess {
    /// County administrators and contractors record sessions and attendance (contractors on a phone).
    public static func canRecordTraining(_ role: Role) -> Bool { [.countyAdmin, .contractor, .systemAdmin].contains(role) }
    /// County administrators keep the other ledgers (live commerce, villages, park, assistance, publicity).
    public static func canManage(_ role: Role) -> Bool { [.countyAdmin, .systemAdmin].contains(role) }
    /// Roles that may ask for an unmasked ID number (each time audited) and export ledgers unmasked.
    public static func canUnmask(_ role: Role) -> Bool { role.can(.seePersonalData) }
    /// Everyone of the county reads the ledgers except the field roles that have no use for them.
    public static func canRead(_ role: Role) -> Bool { ![.stationOperator, .sorter, .driver, .producer, .inspector].contains(role) }

    /// An ID number as a role sees it in lists and exports: masked unless the role may unmask
    /// and asked to (`unmasked`).
    public static func idNumber(_ value: String, role: Role, unmasked: Bool = false) -> String {
        unmasked && canUnmask(role) ? value : Identifiers.maskIDNumber(value)
    }

    /// A phone as a role sees it: whole for roles that need it, masked otherwise.
    public static func phone(_ value: String?, role: Role) -> String? {
        value.map { role.can(.seePersonalData) ? $0 : Identifiers.maskPhone($0) }
    }
}
