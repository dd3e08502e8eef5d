import Documents
import Foundation
import XiangcunKit

/// An SVG map of facilities by their WGS-84 coordinates: an equirectangular projection of the
/// bounding box of the county's facilities (longitudes scaled by cos(mid-latitude) so distances
/// look right), no tiles, no scripts. Fill colour by type, ring colour by status.
public enum NetworkMap {
    public struct Point: Sendable {
        public var name: String
        public var type: FacilityType
        public var status: FacilityStatus
        public var latitude: Double
        public var longitude: Double
        public var link: String?
        /// A short label drawn beside the point (e.g. the township of a township station).
        public var label: String?
        public init(name: String, type: FacilityType, status: FacilityStatus, latitude: Double, longitude: Double, link: String? = nil, label: String? = nil) {
            self.name = name; self.type = type; self.status = status; self.latitude = latitude; self.longitude = longitude; self.link = link
            self.label = label
        }
    }

    public struct Labels: Sendable {
        public var title: String
        public var type: @Sendable (FacilityType) -> String
        public var status: @Sendable (FacilityStatus) -> String
        public var empty: String
        public init(title: String, type: @escaping @Sendable (FacilityType) -> String, status: @escaping @Sendable (FacilityStatus) -> String, empty: String) {
            self.title = title; self.type = type; self.status = status; self.empty = empty
        }
    }

    public static func svg(_ points: [Point], labels: Labels, width: Double = 760) -> String {
        let legendHeight = 24.0 * Double((Set(points.map(\.type)).count + 2) / 3) + 30
        guard !points.isEmpty, let minLat = points.map(\.latitude).min(), let maxLat = points.map(\.latitude).max(),
              let minLon = points.map(\.longitude).min(), let maxLon = points.map(\.longitude).max() else {
            return document(width: width, height: 120, title: labels.title, description: labels.empty,
                            body: text(labels.empty, x: width / 2, y: 64, size: 14, anchor: "middle", fill: "#5f6b7a"))
        }
        let pad = 0.02
        let lat0 = minLat - pad, lat1 = maxLat + pad, lon0 = minLon - pad, lon1 = maxLon + pad
        let kx = cos((lat0 + lat1) / 2 * .pi / 180)
        let spanX = (lon1 - lon0) * kx, spanY = lat1 - lat0
        let margin = 20.0
        let plotWidth = width - 2 * margin
        let plotHeight = min(900, max(240, plotWidth * spanY / max(spanX, 1e-9)))
        let scale = min(plotWidth / max(spanX, 1e-9), plotHeight / max(spanY, 1e-9))
        let offsetX = margin + (plotWidth - spanX * scale) / 2
        let top = 40.0
        func xy(_ p: Point) -> (Double, Double) {
            (offsetX + (p.longitude - lon0) * kx * scale, top + (lat1 - p.latitude) * scale)
        }
        var body = text(labels.title, x: 16, y: 26, size: 16, weight: "bold", fill: "#111827")
        body += "<rect x=\"\(n(margin))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"#f8fafc\" stroke=\"#d9dee5\"/>"
        // Graticule every 0.1°.
        var lat = (lat0 * 10).rounded(.up) / 10
        while lat <= lat1 {
            let y = top + (lat1 - lat) * scale
            body += "<line x1=\"\(n(margin))\" y1=\"\(n(y))\" x2=\"\(n(margin + plotWidth))\" y2=\"\(n(y))\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>"
            body += text(String(format: "%.1f°N", lat), x: margin + 4, y: y - 3, size: 10, fill: "#9ca3af")
            lat += 0.1
        }
        var lon = (lon0 * 10).rounded(.up) / 10
        while lon <= lon1 {
            let x = offsetX + (lon - lon0) * kx * scale
            if x >= margin && x <= margin + plotWidth {
                body += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(top + plotHeight))\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>"
                body += text(String(format: "%.1f°E", lon), x: x + 3, y: top + plotHeight - 4, size: 10, fill: "#9ca3af")
            }
            lon += 0.1
        }
        // Small stations first, centres on top.
        let order: [FacilityType] = [.villageStation, .townshipStation, .commerceCentre, .townshipHub, .liveRoom, .o2oStore, .warehouse, .ecommercePark, .coDeliveryCentre, .countyServiceCentre]
        for p in points.sorted(by: { (order.firstIndex(of: $0.type) ?? 0) < (order.firstIndex(of: $1.type) ?? 0) }) {
            let (x, y) = xy(p)
            let r = p.type == .villageStation ? 4.5 : (p.type.servesLevel == .township ? 7.0 : 9.0)
            let tip = "\(p.name)（\(labels.type(p.type))，\(labels.status(p.status))）"
            let dash = p.status == .operating ? "" : " stroke-dasharray=\"2 1.5\""
            let fillOpacity = p.status == .operating ? "0.9" : "0.35"
            let circle = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(p.type.colour)\" fill-opacity=\"\(fillOpacity)\" stroke=\"\(p.status.colour)\" stroke-width=\"2\"\(dash)><title>\(XMLEscape.text(tip))</title></circle>"
            if let link = p.link { body += "<a href=\"\(XMLEscape.attribute(link))\">\(circle)</a>" } else { body += circle }
        }
        // Labels last, so points never cover them.
        for p in points {
            guard let label = p.label, !label.isEmpty else { continue }
            let (x, y) = xy(p)
            body += "<text x=\"\(n(x + 10))\" y=\"\(n(y - 8))\" font-size=\"11\" fill=\"#1f2933\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(XMLEscape.text(label))</text>"
        }
        // Legend: types present, then status rings.
        var ly = top + plotHeight + 22
        var lx = margin
        let types = FacilityType.allCases.filter { t in points.contains { $0.type == t } }
        for (i, t) in types.enumerated() {
            if i > 0 && i % 3 == 0 { ly += 22; lx = margin }
            body += "<circle cx=\"\(n(lx + 6))\" cy=\"\(n(ly - 4))\" r=\"6\" fill=\"\(t.colour)\"/>"
            body += text(labels.type(t), x: lx + 16, y: ly, size: 12)
            lx += (width - 2 * margin) / 3
        }
        ly += 24; lx = margin
        for s in FacilityStatus.allCases {
            body += "<circle cx=\"\(n(lx + 6))\" cy=\"\(n(ly - 4))\" r=\"5\" fill=\"#fff\" stroke=\"\(s.colour)\" stroke-width=\"2\"/>"
            body += text(labels.status(s), x: lx + 15, y: ly, size: 11)
            lx += (width - 2 * margin) / 5
        }
        let height = ly + 14
        _ = legendHeight
        let description = points.map { "\($0.name) \(String(format: "%.4f,%.4f", $0.latitude, $0.longitude))" }.prefix(400).joined(separator: "；")
        return document(width: width, height: height, title: labels.title, description: description, body: body)
    }

    static func n(_ v: Double) -> String { SVG.number(v, decimals: 1) }

    static func text(_ s: String, x: Double, y: Double, size: Double, weight: String? = nil, anchor: String? = nil, fill: String = "#1f2933") -> String {
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\""
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let anchor { attrs += " text-anchor=\"\(anchor)\"" }
        return "<text \(attrs)>\(XMLEscape.text(s))</text>"
    }

    static func document(width: Double, height: Double, title: String, description: String, body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" aria-label=\"\(XMLEscape.attribute(title))\" font-family=\"\(SVG.fontFamily)\">"
            + "<title>\(XMLEscape.text(title))</title><desc>\(XMLEscape.text(description))</desc>" + body + "</svg>"
    }
}
