import Foundation

/// The interface languages: Simplified Chinese first, English second.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en

    public var htmlTag: String { self == .zh ? "zh-Hans" : "en" }
}

/// One message catalogue for every user-facing text, keyed by stable ids.
/// Placeholders are `{0}`, `{1}` … in both languages.
public enum Catalogue {
    public struct Entry: Sendable {
        public let zh: String
        public let en: String
    }

    static let table: [String: Entry] = {
        var table: [String: Entry] = [:]
        for section in [Messages.shell, Messages.accounts, Messages.divisions, Messages.audit, Messages.errors, Messages.programme, Messages.network, Messages.trace, Messages.commerce, Messages.dispatch, Messages.logistics, Messages.statistics] {
            for (key, zh, en) in section { table[key] = Entry(zh: zh, en: en) }
        }
        return table
    }()

    public static var keys: [String] { Array(table.keys) }

    public static func has(_ key: String) -> Bool { table[key] != nil }

    /// The text for `key` in `language`; an unknown key is returned as itself so the gap shows.
    /// A key may carry its arguments as `key|arg|arg` (see `ValidationFailure.add`).
    public static func text(_ key: String, _ language: Language, _ args: [String] = []) -> String {
        if key.contains("|") {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return text(parts[0], language, Array(parts.dropFirst()) + args)
        }
        guard let entry = table[key] else { return key }
        var text = language == .zh ? entry.zh : entry.en
        for (i, arg) in args.enumerated() {
            text = text.replacingOccurrences(of: "{\(i)}", with: arg)
        }
        return text
    }
}
