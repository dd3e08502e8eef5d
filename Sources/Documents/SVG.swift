import Foundation

/// Server-side SVG charts: no scripts, no external fonts, deterministic output, accessible
/// (`role="img"`, `aria-label`, `<title>`, and a `<desc>` listing the data).
///
/// Charts: `horizontalBarChart`, `groupedBarChart`, `progressRing`, `lineChart`.
public enum SVG {
    /// A CJK-capable font stack (quoted with single quotes so it fits in an attribute).
    public static let fontFamily =
        "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC','SimHei',sans-serif"

    /// Series colours, in order.
    public static let palette = ["#2563eb", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#0891b2"]

    /// How values are printed next to bars and in descriptions.
    public enum ValueFormat: Sendable, Hashable {
        /// `decimals` places (trailing zeros kept), then `unit` (e.g. "万元").
        case number(decimals: Int, unit: String)
        /// Values are fractions: 0.5 → "50.00%".
        case percent(decimals: Int)

        public static let plain = ValueFormat.number(decimals: 0, unit: "")

        public func string(_ value: Double) -> String {
            switch self {
            case let .number(decimals, unit): return SVG.number(value, decimals: decimals) + unit
            case let .percent(decimals): return SVG.number(value * 100, decimals: decimals) + "%"
            }
        }
    }

    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// Overrides the formatted value shown at the end of the bar.
        public var valueLabel: String?

        public init(_ label: String, _ value: Double, valueLabel: String? = nil) {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
        }
    }

    public struct Series: Sendable, Hashable {
        public var name: String
        /// One value per category / month; nil leaves a gap.
        public var values: [Double?]

        public init(_ name: String, _ values: [Double?]) {
            self.name = name
            self.values = values
        }

        public init(_ name: String, values: [Double]) {
            self.init(name, values.map { Optional($0) })
        }
    }

    /// Fixed-point text, locale-independent: `number(1910, decimals: 2)` → "1910.00".
    public static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let places = min(max(decimals, 0), 6)
        var text = String(format: "%.\(places)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// Coordinates with at most one decimal.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// Approximate rendered width of `text` at `size` px.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(DisplayWidth.of(text)) * size * 0.55
    }

    /// Shortens `text` with "…" to fit `width` px.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var out = ""
        for character in text {
            if textWidth(out + String(character) + "…", size: size) > width { break }
            out.append(character)
        }
        return out + "…"
    }

    /// A "nice" axis maximum and step (1, 2, 2.5, 5 × 10ⁿ) with about `ticks` intervals.
    static func niceScale(_ maximum: Double, ticks: Int = 5) -> (max: Double, step: Double) {
        guard maximum > 0, maximum.isFinite else { return (1, 0.2) }
        let raw = maximum / Double(ticks)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return ((maximum / step).rounded(.up) * step, step)
    }

    /// The `<svg>` wrapper with accessibility elements.
    static func document(width: Double, height: Double, title: String, description: String, body: String) -> String {
        let label = XMLEscape.attribute(title)
        var x = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(coordinate(width))" height="\#(coordinate(height))" "#
        x += #"viewBox="0 0 \#(coordinate(width)) \#(coordinate(height))" role="img" aria-label="\#(label)" "#
        x += #"font-family="\#(XMLEscape.attribute(fontFamily))">"#
        x += "<title>\(XMLEscape.text(title))</title><desc>\(XMLEscape.text(description))</desc>"
        x += ##"<rect width="100%" height="100%" fill="#ffffff"/>"##
        return x + body + "</svg>"
    }

    static func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                     weight: String? = nil, fill: String = "#374151") -> String {
        var out = #"<text x="\#(coordinate(x))" y="\#(coordinate(y))" font-size="\#(coordinate(size))" fill="\#(fill)""#
        if anchor != "start" { out += #" text-anchor="\#(anchor)""# }
        if let weight { out += #" font-weight="\#(weight)""# }
        return out + ">" + XMLEscape.text(string) + "</text>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) -> String {
        let attributes = #"x="\#(coordinate(x))" y="\#(coordinate(y))" width="\#(coordinate(max(width, 0)))" height="\#(coordinate(max(height, 0)))" fill="\#(fill)""#
        guard let tooltip else { return "<rect \(attributes)/>" }
        return "<rect \(attributes)><title>\(XMLEscape.text(tooltip))</title></rect>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                     dash: String? = nil) -> String {
        var out = #"<line x1="\#(coordinate(x1))" y1="\#(coordinate(y1))" x2="\#(coordinate(x2))" y2="\#(coordinate(y2))" stroke="\#(stroke)" stroke-width="\#(coordinate(width))""#
        if let dash { out += #" stroke-dasharray="\#(dash)""# }
        return out + "/>"
    }

    static func legend(_ series: [Series], right: Double, y: Double) -> String {
        var out = ""
        var x = right
        for (index, item) in series.enumerated().reversed() {
            let width = textWidth(item.name, size: 12) + 24
            x -= width
            out += rect(x: x, y: y - 10, width: 12, height: 12, fill: palette[index % palette.count])
            out += text(item.name, x: x + 16, y: y)
        }
        return out
    }
}
