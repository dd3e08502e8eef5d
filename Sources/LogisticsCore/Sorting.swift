import Foundation

/// Sorting (分拣): which station a parcel goes to. By the village code when there is one, else
/// by finding the county's village names and the stations' aliases in the address text. What
/// matches nothing (or matches two stations equally) is left for a sorter: never guessed.
public struct SortingPlan: Sendable {
    /// Village code → station id (a station's own village and the villages it serves).
    public var stationOfVillage: [String: UUID]
    /// Village name → village codes (a name can repeat across townships).
    public var villagesNamed: [String: [String]]
    /// Township name → township code, to tell same-named villages apart.
    public var townshipsNamed: [String: String]
    /// Alias text (learnt from resolved exceptions, or entered) → station id.
    public var aliases: [String: UUID]

    public init(stationOfVillage: [String: UUID], villagesNamed: [String: [String]], townshipsNamed: [String: String], aliases: [String: UUID]) {
        self.stationOfVillage = stationOfVillage
        self.villagesNamed = villagesNamed
        self.townshipsNamed = townshipsNamed
        self.aliases = aliases
    }

    /// The station for a parcel, or nil (an exception for the sorters' queue).
    public func station(villageCode: String?, address: String) -> UUID? {
        if let code = villageCode { return stationOfVillage[code] }
        let text = Self.normalised(address)
        guard !text.isEmpty else { return nil }
        // An alias a sorter taught wins: it was written for exactly this kind of address.
        if let hit = longestMatch(in: text, keys: aliases.keys) { return aliases[hit] }
        let names = villagesNamed.keys.filter { text.contains($0) }
        let longest = names.map(\.count).max() ?? 0
        let candidates = Set(names.filter { $0.count == longest }.flatMap { villagesNamed[$0] ?? [] })
        let township = longestMatch(in: text, keys: townshipsNamed.keys).flatMap { townshipsNamed[$0] }
        let narrowed = township.map { t in candidates.filter { $0.hasPrefix(String(t.prefix(9))) } } ?? candidates
        let stations = Set(narrowed.compactMap { stationOfVillage[$0] })
        return stations.count == 1 ? stations.first : nil
    }

    func longestMatch(in text: String, keys: Dictionary<String, UUID>.Keys) -> String? {
        keys.filter { !$0.isEmpty && text.contains($0) }.max { $0.count < $1.count }
    }

    func longestMatch(in text: String, keys: Dictionary<String, String>.Keys) -> String? {
        keys.filter { !$0.isEmpty && text.contains($0) }.max { $0.count < $1.count }
    }

    /// Address text as matched: no spaces, full-width digits and letters as ASCII.
    public static func normalised(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in text.unicodeScalars where !u.properties.isWhitespace {
            let folded = (0xFF01...0xFF5E).contains(u.value) ? Unicode.Scalar(u.value - 0xFEE0) : u
            scalars.append(folded ?? u)
        }
        return String(scalars)
    }

    /// The short name of a village as people write it: "湖山村村民委员会" → "湖山村".
    public static func shortName(_ name: String) -> String {
        for suffix in ["村民委员会", "居民委员会", "社区居委会", "村委会", "居委会"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}
