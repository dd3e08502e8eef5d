extension SVG {
    /// Lines over ordered labels (typically months, e.g. "1月"…"12月"), one per series, with
    /// markers, a y axis starting at zero, gridlines and a legend. nil values break the line.
    public static func lineChart(title: String, labels: [String], series: [Series],
                                 format: ValueFormat = .plain, width: Double = 720,
                                 height: Double = 320) -> String {
        let top = 60.0, bottom = 40.0, right = 24.0
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let scale = niceScale(values.max() ?? 0)
        let axisLabels = stride(from: 0.0, through: scale.max + scale.step / 2, by: scale.step).map { format.string($0) }
        let left = max(48, (axisLabels.map { textWidth($0, size: 11) }.max() ?? 0) + 16)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let stepX = labels.count > 1 ? plotWidth / Double(labels.count - 1) : 0
        func point(_ index: Int, _ value: Double) -> (x: Double, y: Double) {
            let x = labels.count > 1 ? left + stepX * Double(index) : left + plotWidth / 2
            return (x, top + plotHeight - plotHeight * max(value, 0) / scale.max)
        }

        var body = text(title, x: 16, y: 26, size: 16, weight: "bold", fill: "#111827")
        body += legend(series, right: width - right, y: 48)
        for (index, label) in axisLabels.enumerated() {
            let y = top + plotHeight - plotHeight * Double(index) * scale.step / scale.max
            body += line(x1: left, y1: y, x2: width - right, y2: y, stroke: index == 0 ? "#9ca3af" : "#e5e7eb")
            body += text(label, x: left - 6, y: y + 4, size: 11, anchor: "end", fill: "#6b7280")
        }
        let labelEvery = max(1, Int((Double(labels.count) * 44 / max(plotWidth, 1)).rounded(.up)))
        for (index, label) in labels.enumerated() where index % labelEvery == 0 {
            body += text(label, x: point(index, 0).x, y: height - bottom + 18, size: 11, anchor: "middle")
        }
        for (seriesIndex, item) in series.enumerated() {
            let color = palette[seriesIndex % palette.count]
            var segments: [[(x: Double, y: Double)]] = [[]]
            for (index, value) in item.values.enumerated() where index < labels.count {
                if let value {
                    segments[segments.count - 1].append(point(index, value))
                } else if !(segments.last?.isEmpty ?? true) {
                    segments.append([])
                }
            }
            for segment in segments where segment.count > 1 {
                let points = segment.map { "\(coordinate($0.x)),\(coordinate($0.y))" }.joined(separator: " ")
                body += #"<polyline points="\#(points)" fill="none" stroke="\#(color)" stroke-width="2"/>"#
            }
            for (index, value) in item.values.enumerated() where index < labels.count {
                guard let value else { continue }
                let p = point(index, value)
                body += #"<circle cx="\#(coordinate(p.x))" cy="\#(coordinate(p.y))" r="3" fill="\#(color)">"#
                body += "<title>\(XMLEscape.text("\(labels[index]) \(item.name)：\(format.string(value))"))</title></circle>"
            }
        }
        let description = series.map { item in
            item.name + "：" + zip(labels, item.values).map { label, value in
                label + " " + (value.map { format.string($0) } ?? "无")
            }.joined(separator: "，")
        }.joined(separator: "；")
        return document(width: width, height: height, title: title, description: description, body: body)
    }
}
