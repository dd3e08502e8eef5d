import Foundation

/// Which way a parcel travels: 下行 to a villager, 上行 a farm product from a village.
public enum Direction: String, Sendable, Codable, CaseIterable {
    case inbound, outbound
    public var messageKey: String { "logistics.direction.\(rawValue)" }
}

/// A scan event (扫描事件): one step of a parcel's way, with time, place and actor.
public enum ScanKind: String, Sendable, Codable, CaseIterable {
    /// 中心入库 — received at the county centre.
    case received
    /// 分拣 — sorted to its destination station.
    case sorted
    /// 装车 — loaded on a route / vehicle.
    case loaded
    /// 到达乡镇中转站.
    case arrivedHub
    /// 到站 — arrived at the village station; a pick-up code is issued.
    case arrivedStation
    /// 已取件 — picked up by the recipient.
    case pickedUp
    /// 退回.
    case returned
    /// 丢失.
    case lost
    /// 揽收 — an outbound farm-product parcel collected at a village station.
    case collected
    /// 交寄 — an outbound parcel handed to its carrier at the centre.
    case handedOver

    public var messageKey: String { "logistics.scan.\(rawValue)" }

    /// The status a parcel has after this scan (the status names are the scan names).
    public var status: String { rawValue }

    /// Scans that end a parcel's way: nothing may follow them.
    public var isFinal: Bool { [.pickedUp, .returned, .lost, .handedOver].contains(self) }

    /// Inbound parcels go centre → hub → station → recipient; outbound ones are collected at a
    /// station, carried back through the hub and handed to their carrier at the centre.
    public func allowed(for direction: Direction) -> Bool {
        switch direction {
        case .inbound: return ![.collected, .handedOver].contains(self)
        case .outbound: return [.collected, .loaded, .arrivedHub, .received, .handedOver, .returned, .lost].contains(self)
        }
    }

    /// Scans the centre, a sorter or a station records through the scan page.
    public static let inboundSteps: [ScanKind] = [.received, .sorted, .loaded, .arrivedHub, .arrivedStation, .pickedUp, .returned, .lost]
}

/// 取件码: a short code the recipient quotes at the station. Six digits, derived from the
/// parcel and a secret-free counter so it is unpredictable enough for a counter, not a password:
/// the operator still sees the parcel before handing it over.
public enum PickupCode {
    public static func make(seed: UInt64) -> String {
        var x = seed &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        return String(format: "%06d", Int(x % 1_000_000))
    }

    public static func isWellFormed(_ text: String) -> Bool {
        text.count == 6 && text.allSatisfy(\.isDigit09)
    }

    public static func random() -> String { make(seed: UInt64.random(in: 0...UInt64.max)) }
}

extension Character {
    /// 0–9 only (not other scripts' digits).
    var isDigit09: Bool { ("0"..."9").contains(self) }
}
