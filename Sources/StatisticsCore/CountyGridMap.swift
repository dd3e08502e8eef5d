import Documents
import Foundation

/// 县域分布图 — the counties of a province as a grid of tiles coloured by a value (darker is
/// higher), with name and value on each tile: a map that needs no boundary data and no script.
public enum CountyGridMap {
    public struct Tile: Sendable, Hashable {
        public var name: String
        public var value: Double?
        public var label: String
        public var link: String?
        public init(name: String, value: Double?, label: String, link: String? = nil) {
            self.name = name; self.value = value; self.label = label; self.link = link
        }
    }

    /// Tiles in rows of `columns`, in the order given (by code: neighbours in a prefecture sit together).
    public static func svg(title: String, tiles: [Tile], columns: Int = 6, tile: Double = 120) -> String {
        let cols = max(1, min(columns, max(tiles.count, 1)))
        let rows = (tiles.count + cols - 1) / cols
        let width = Double(cols) * (tile + 8) + 16, height = Double(rows) * (tile * 0.6 + 8) + 48
        let values = tiles.compactMap(\.value)
        let top = max(values.max() ?? 1, 0.0001)
        var body = "<text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"bold\" fill=\"#111827\">\(XMLEscape.text(title))</text>"
        for (i, t) in tiles.enumerated() {
            let x = 16 + Double(i % cols) * (tile + 8), y = 40 + Double(i / cols) * (tile * 0.6 + 8)
            let share = t.value.map { max(0, min(1, $0 / top)) }
            let fill = share.map { shade($0) } ?? "#e5e7eb"
            let ink = (share ?? 0) > 0.55 ? "#ffffff" : "#111827"
            var tileBody = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(tile)\" height=\"\(tile * 0.6)\" rx=\"6\" fill=\"\(fill)\"/>"
            tileBody += "<text x=\"\(x + tile / 2)\" y=\"\(y + tile * 0.25)\" font-size=\"14\" text-anchor=\"middle\" fill=\"\(ink)\">\(XMLEscape.text(t.name))</text>"
            tileBody += "<text x=\"\(x + tile / 2)\" y=\"\(y + tile * 0.47)\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"\(ink)\">\(XMLEscape.text(t.label))</text>"
            if let link = t.link { tileBody = "<a href=\"\(XMLEscape.attribute(link))\">\(tileBody)</a>" }
            body += tileBody
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(XMLEscape.attribute(title))\" "
            + "font-family=\"\(XMLEscape.attribute(SVG.fontFamily))\">\(body)</svg>"
    }

    /// Light blue (low) to dark blue (high).
    static func shade(_ share: Double) -> String {
        let from = (219.0, 234.0, 254.0), to = (30.0, 64.0, 175.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * share).rounded()) }
        return String(format: "#%02x%02x%02x", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
    }
}
