extension SVG {
    /// Lines over ordered labels (typically months, e.g. "1月"…"12月"), one per series, with
    /// markers, a y axis starting at zero, gridlines and a legend. nil values break the line.
    public static func lineChart(title: String, labels: [String], series: [Series],
                                 format: ValueFormat = .plain, width: Double = 720,
                                 height: Double = 320) -> String {
        let frame = PlotFrame(series: series, format: format, width: width, height: height, top: 60, bottom: 40, right: 24)
        let (left, top, bottom, plotWidth, plotHeight) = (frame.left, frame.top, frame.bottom, frame.plotWidth, frame.plotHeight)
        let stepX = labels.count > 1 ? plotWidth / Double(labels.count - 1) : 0
        func point(_ index: Int, _ value: Double) -> (x: Double, y: Double) {
            let x = labels.count > 1 ? left + stepX * Double(index) : left + plotWidth / 2
            return (x, top + plotHeight - plotHeight * max(value, 0) / frame.scale.max)
        }

        var body = text(title, x: 16, y: 26, size: 16, weight: "bold", fill: "#111827")
        body += legend(series, right: width - frame.right, y: 48)
        body += frame.valueAxis()
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

extension SVG {
    /// The plot area of the bar and line charts: a value scale from zero, its labels, and a left
    /// margin wide enough for them.
    struct PlotFrame {
        let scale: (max: Double, step: Double)
        let axisLabels: [String]
        let width, top, bottom, right, left, plotWidth, plotHeight: Double

        init(series: [Series], format: ValueFormat, width: Double, height: Double, top: Double, bottom: Double, right: Double) {
            let values = series.flatMap { $0.values.compactMap { $0 } }
            scale = SVG.niceScale(values.max() ?? 0)
            axisLabels = stride(from: 0.0, through: scale.max + scale.step / 2, by: scale.step).map { format.string($0) }
            left = max(48, (axisLabels.map { SVG.textWidth($0, size: 11) }.max() ?? 0) + 16)
            self.width = width; self.top = top; self.bottom = bottom; self.right = right
            plotWidth = width - left - right
            plotHeight = height - top - bottom
        }

        /// Horizontal gridlines with the value labels at their left.
        func valueAxis() -> String {
            var body = ""
            for (index, label) in axisLabels.enumerated() {
                let y = top + plotHeight - plotHeight * Double(index) * scale.step / scale.max
                body += SVG.line(x1: left, y1: y, x2: width - right, y2: y, stroke: index == 0 ? "#9ca3af" : "#e5e7eb")
                body += SVG.text(label, x: left - 6, y: y + 4, size: 11, anchor: "end", fill: "#6b7280")
            }
            return body
        }
    }
}
