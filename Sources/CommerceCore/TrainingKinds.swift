import Foundation

/// 培训类型 — the kinds of training session the programme counts separately
/// (基础普及培训 / 高端人才孵化培训 / 直播带货培训 / 创业培训).
public enum TrainingKind: String, Sendable, CaseIterable, Codable {
    case basic, advanced, liveStreaming, entrepreneurship

    public var messageKey: String { "training.kind.\(rawValue)" }
}

/// 重点群体 — groups an attendee may belong to; counted separately (one person may be in several).
public enum AttendeeGroup: String, Sendable, CaseIterable, Codable {
    /// 脱贫户 / 贫困户
    case poorHousehold
    /// 村干部
    case villageOfficial
    /// 退役军人
    case veteran
    /// 返乡创业人员
    case returnee
    /// 大学生
    case student
    /// 妇女
    case woman

    public var messageKey: String { "training.group.\(rawValue)" }

    /// Words a sign-in sheet uses for the group.
    static let aliases: [String: AttendeeGroup] = [
        "贫困户": .poorHousehold, "脱贫户": .poorHousehold, "建档立卡户": .poorHousehold,
        "村干部": .villageOfficial, "村两委": .villageOfficial, "退役军人": .veteran, "返乡青年": .returnee,
        "返乡创业": .returnee, "返乡人员": .returnee, "返乡创业人员": .returnee, "大学生": .student, "学生": .student,
        "妇女": .woman, "女性": .woman,
    ]

    /// Parses "贫困户、妇女" (any of 、，,;； / space as separators) into groups; unknown words come back in `unknown`.
    public static func parseList(_ text: String) -> (groups: [AttendeeGroup], unknown: [String]) {
        let words = text.split(whereSeparator: { "、，,;；/ ".contains($0) }).map { String($0) }
        var groups: [AttendeeGroup] = [], unknown: [String] = []
        for word in words {
            if let g = AttendeeGroup(rawValue: word) ?? aliases[word] { if !groups.contains(g) { groups.append(g) } } else { unknown.append(word) }
        }
        return (groups.sorted { $0.order < $1.order }, unknown)
    }

    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The stored form: codes joined by commas ("poorHousehold,woman").
    public static func encode(_ groups: [AttendeeGroup]) -> String { groups.map(\.rawValue).joined(separator: ",") }
    public static func decode(_ text: String) -> [AttendeeGroup] { text.split(separator: ",").compactMap { AttendeeGroup(rawValue: String($0)) } }
}

/// 转化 — what a trained person went on to do; the programme's "conversion to entrepreneurship".
public enum ConversionKind: String, Sendable, CaseIterable, Codable {
    /// 开设网店
    case openedShop
    /// 开始直播带货
    case liveSelling
    /// 注册市场主体（个体户、公司、合作社）
    case registeredBusiness

    public var messageKey: String { "training.conversion.\(rawValue)" }
}
