import Foundation

extension SVG {
    /// A donut showing one rate (a fraction; 0.5 = 50 %), the percentage in the middle and an
    /// optional caption below (e.g. "已拨付 955 / 1910 万元").
    public static func progressRing(title: String, rate: Double, caption: String? = nil,
                                    decimals: Int = 2, size: Double = 200) -> String {
        let height = size + (caption == nil ? 36 : 60)
        let center = (x: size / 2, y: 36 + size / 2 - 8)
        let radius = size / 2 - 18
        let circumference = 2 * Double.pi * radius
        let shown = min(max(rate.isFinite ? rate : 0, 0), 1)
        let percent = ValueFormat.percent(decimals: decimals).string(rate.isFinite ? rate : 0)
        var body = text(title, x: size / 2, y: 22, size: 14, anchor: "middle", weight: "bold", fill: "#111827")
        let circle = #"cx="\#(coordinate(center.x))" cy="\#(coordinate(center.y))" r="\#(coordinate(radius))" fill="none" stroke-width="16""#
        body += "<circle \(circle) stroke=\"#e5e7eb\"/>"
        if shown > 0 {
            let dash = SVG.number(circumference * shown, decimals: 2) + " " + SVG.number(circumference, decimals: 2)
            body += "<circle \(circle) stroke=\"\(palette[2])\" stroke-linecap=\"butt\" stroke-dasharray=\"\(dash)\" "
                + "transform=\"rotate(-90 \(coordinate(center.x)) \(coordinate(center.y)))\"/>"
        }
        body += text(percent, x: center.x, y: center.y + 8, size: size / 8, anchor: "middle", weight: "bold", fill: "#111827")
        if let caption {
            body += text(fit(caption, width: size - 8, size: 12), x: size / 2, y: height - 10, size: 12, anchor: "middle")
        }
        let description = percent + (caption.map { "，" + $0 } ?? "")
        return document(width: size, height: height, title: title, description: description, body: body)
    }
}
