import Foundation

/// A carrier (快递公司) the centre sorts for, with the waybill-number pattern that suggests it.
/// Public sources only guess these patterns and the all-digit ones overlap, so a pattern only
/// ever *suggests* a carrier; it never reassigns the carrier a parcel was declared with.
public struct CarrierSpec: Sendable, Equatable, Codable {
    /// Short code, e.g. "sf" (顺丰), stored on every parcel.
    public var code: String
    public var name: String
    /// A regular expression the whole waybill number must match ("" = no pattern).
    public var pattern: String

    public init(code: String, name: String, pattern: String) {
        self.code = code
        self.name = name
        self.pattern = pattern
    }

    /// The carriers every county starts with (it may edit the patterns and add its own).
    public static let defaults: [CarrierSpec] = [
        CarrierSpec(code: "ems", name: "中国邮政/EMS", pattern: "^(E[A-Z]\\d{9}CN|1\\d{12}|9\\d{12})$"),
        CarrierSpec(code: "sf", name: "顺丰速运", pattern: "^SF\\d{12,13}$"),
        CarrierSpec(code: "zto", name: "中通快递", pattern: "^(7[35]\\d{12}|[26]\\d{11})$"),
        CarrierSpec(code: "yto", name: "圆通速递", pattern: "^YT\\d{13,15}$"),
        CarrierSpec(code: "sto", name: "申通快递", pattern: "^(77|88|55)\\d{11,13}$"),
        CarrierSpec(code: "yunda", name: "韵达快递", pattern: "^(43|46|31)\\d{11,13}$"),
        CarrierSpec(code: "jt", name: "极兔速递", pattern: "^JT\\d{13}$"),
        CarrierSpec(code: "jd", name: "京东物流", pattern: "^JD[A-Z0-9]{11,15}$"),
        CarrierSpec(code: "cainiao", name: "菜鸟", pattern: "^(CN|LP)\\d{12,16}$"),
    ]

    /// Whether `pattern` is a usable regular expression (an empty pattern is allowed).
    public static func isValidPattern(_ pattern: String) -> Bool {
        pattern.isEmpty || (try? NSRegularExpression(pattern: pattern)) != nil
    }
}

/// Pattern checks for a set of carriers, compiled once (a server keeps them per county).
public struct CarrierMatcher: Sendable {
    struct Compiled: Sendable {
        let code: String
        let re: NSRegularExpression
        /// The same pattern matched on bytes, when it is in a form `WaybillPattern` reads.
        let fast: WaybillPattern?

        func matches(_ waybill: String) -> Bool {
            if let fast, let matched = fast.matches(waybill) { return matched }
            return re.firstMatch(in: waybill, range: NSRange(waybill.startIndex..., in: waybill)) != nil
        }
    }

    let compiled: [Compiled]

    public init(_ carriers: [CarrierSpec]) {
        compiled = carriers.compactMap { c in
            guard !c.pattern.isEmpty, let re = try? NSRegularExpression(pattern: c.pattern) else { return nil }
            return Compiled(code: c.code, re: re, fast: WaybillPattern(c.pattern))
        }
    }

    /// Codes of the carriers whose pattern the waybill matches (may be several or none).
    public func suggest(_ waybill: String) -> [String] {
        compiled.filter { $0.matches(waybill) }.map(\.code)
    }

    /// A declared carrier "mismatches" when some pattern matches but not the declared one's.
    public func mismatch(_ waybill: String, declared: String) -> Bool {
        // The declared carrier's pattern first: when it matches (the usual case) there is no
        // mismatch, and the other patterns need not run.
        if compiled.contains(where: { $0.code == declared && $0.matches(waybill) }) { return false }
        return compiled.contains { $0.code != declared && $0.matches(waybill) }
    }
}
