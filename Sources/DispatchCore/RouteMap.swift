import Documents
import Foundation

/// The day's routes drawn as SVG (配送线路图), server-side, no script and no tiles: the same
/// equirectangular projection as the network map, one colour per vehicle, tier-1 routes thick,
/// tier-2 thin, the centre a square, hubs diamonds, villages dots.
public enum RouteMap {
    public struct Labels: Sendable {
        public var title: String
        public var empty: String
        public var vehicleName: @Sendable (UUID) -> String
        public init(title: String, empty: String, vehicleName: @escaping @Sendable (UUID) -> String) {
            self.title = title; self.empty = empty; self.vehicleName = vehicleName
        }
    }

    static let palette = ["#0b6e4f", "#c2410c", "#1d4ed8", "#7c3aed", "#be185d", "#0e7490", "#b45309", "#4d7c0f", "#9f1239", "#334155"]

    public static func svg(_ plan: DispatchPlan, places: [UUID: DispatchPlace], depotOf: [UUID: UUID], labels: Labels, width: Double = 760) -> String {
        let used = Set(plan.routes.flatMap { r in [depotOf[r.vehicleID]].compactMap { $0 } + r.stops.map(\.placeID) })
        let points = used.compactMap { places[$0] }.filter { $0.location != nil }
        let locations = points.compactMap(\.location)
        guard let minLat = locations.map(\.latitude).min(), let maxLat = locations.map(\.latitude).max(),
              let minLon = locations.map(\.longitude).min(), let maxLon = locations.map(\.longitude).max() else {
            return document(width: width, height: 100, title: labels.title, body: text(labels.empty, x: width / 2, y: 60, size: 14, anchor: "middle"))
        }
        let pad = 0.01
        let lat0 = minLat - pad, lat1 = maxLat + pad, lon0 = minLon - pad, lon1 = maxLon + pad
        let kx = cos((lat0 + lat1) / 2 * .pi / 180)
        let spanX = (lon1 - lon0) * kx, spanY = lat1 - lat0
        let margin = 16.0, top = 36.0
        let plotWidth = width - 2 * margin
        let plotHeight = min(820, max(240, plotWidth * spanY / max(spanX, 1e-9)))
        let scale = min(plotWidth / max(spanX, 1e-9), plotHeight / max(spanY, 1e-9))
        let offsetX = margin + (plotWidth - spanX * scale) / 2
        func xy(_ p: GeoPoint) -> (Double, Double) { (offsetX + (p.longitude - lon0) * kx * scale, top + (lat1 - p.latitude) * scale) }

        var body = text(labels.title, x: margin, y: 24, size: 16, weight: "bold")
        body += "<rect x=\"\(n(margin))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"#f8fafc\" stroke=\"#d9dee5\"/>"
        var legend: [(String, String)] = []
        for (i, route) in plan.routes.enumerated() {
            let colour = palette[i % palette.count]
            guard let depot = depotOf[route.vehicleID].flatMap({ places[$0] })?.location else { continue }
            var path: [GeoPoint] = [depot]
            var trip = 0
            for stop in route.stops {
                if stop.trip != trip { path.append(depot); trip = stop.trip }
                if let p = places[stop.placeID]?.location { path.append(p) }
            }
            path.append(depot)
            let coords = path.map { p in let (x, y) = xy(p); return "\(n(x)),\(n(y))" }.joined(separator: " ")
            body += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(route.tier == 1 ? 3.5 : 1.8)\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\"><title>\(XMLEscape.text(labels.vehicleName(route.vehicleID)))</title></polyline>"
            legend.append((colour, labels.vehicleName(route.vehicleID)))
        }
        for place in points.sorted(by: { $0.kind.rawValue < $1.kind.rawValue }) {
            guard let loc = place.location else { continue }
            let (x, y) = xy(loc)
            let title = "<title>\(XMLEscape.text(place.name))</title>"
            switch place.kind {
            case .centre: body += "<rect x=\"\(n(x - 7))\" y=\"\(n(y - 7))\" width=\"14\" height=\"14\" fill=\"#111827\">\(title)</rect>"
            case .hub: body += "<polygon points=\"\(n(x)),\(n(y - 7)) \(n(x + 7)),\(n(y)) \(n(x)),\(n(y + 7)) \(n(x - 7)),\(n(y))\" fill=\"#fff\" stroke=\"#111827\" stroke-width=\"2\">\(title)</polygon>"
            case .village: body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"#fff\" stroke=\"#374151\" stroke-width=\"1.2\">\(title)</circle>"
            }
        }
        var y = top + plotHeight + 22
        for (i, item) in legend.enumerated() {
            let x = margin + Double(i % 4) * (plotWidth / 4)
            if i > 0 && i % 4 == 0 { y += 20 }
            body += "<rect x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"14\" height=\"4\" fill=\"\(item.0)\"/>" + text(item.1, x: x + 20, y: y, size: 12)
        }
        return document(width: width, height: y + 16, title: labels.title, body: body)
    }

    static func n(_ v: Double) -> String { SVG.number(v, decimals: 1) }

    static func text(_ s: String, x: Double, y: Double, size: Double, weight: String? = nil, anchor: String? = nil) -> String {
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"#1f2933\""
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let anchor { attrs += " text-anchor=\"\(anchor)\"" }
        return "<text \(attrs)>\(XMLEscape.text(s))</text>"
    }

    static func document(width: Double, height: Double, title: String, body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" aria-label=\"\(XMLEscape.attribute(title))\" font-family=\"\(SVG.fontFamily)\">"
            + "<title>\(XMLEscape.text(title))</title>" + body + "</svg>"
    }
}
