extension SVG {
    /// Horizontal bars, one per label, with the value at the end of each bar and an optional
    /// dashed target line (e.g. a 100 % plan or a "≥120 stations" goal).
    public static func horizontalBarChart(title: String, bars: [Bar], format: ValueFormat = .plain,
                                          target: Double? = nil, targetLabel: String? = nil,
                                          maximum: Double? = nil, width: Double = 640) -> String {
        let rowHeight = 30.0
        let top = 48.0
        let labelWidth = min(width * 0.35, max(60, (bars.map { textWidth($0.label, size: 13) }.max() ?? 0) + 12))
        let valueWidth = max(56, (bars.map { textWidth($0.valueLabel ?? format.string($0.value), size: 12) }.max() ?? 0) + 10)
        let left = labelWidth + 8
        let plotWidth = max(width - left - valueWidth - 8, 40)
        let scaleMax = max(maximum ?? 0, target ?? 0, bars.map(\.value).max() ?? 0, 1e-9)
        let height = top + Double(max(bars.count, 1)) * rowHeight + 16

        var body = text(title, x: 16, y: 26, size: 16, weight: "bold", fill: "#111827")
        body += line(x1: left, y1: top - 6, x2: left, y2: height - 12, stroke: "#9ca3af")
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let length = plotWidth * max(bar.value, 0) / scaleMax
            let shown = bar.valueLabel ?? format.string(bar.value)
            body += text(fit(bar.label, width: labelWidth - 4, size: 13), x: labelWidth, y: y + 19, size: 13, anchor: "end")
            body += rect(x: left, y: y + 6, width: length, height: 18, fill: palette[0], tooltip: "\(bar.label)：\(shown)")
            body += text(shown, x: left + length + 6, y: y + 19, size: 12)
        }
        if let target {
            let x = left + plotWidth * target / scaleMax
            body += line(x1: x, y1: top - 8, x2: x, y2: height - 12, stroke: "#dc2626", width: 1.5, dash: "4 3")
            let label = targetLabel ?? "目标 " + format.string(target)
            body += text(label, x: x, y: top - 12, size: 11, anchor: "middle", fill: "#dc2626")
        }
        var description = bars.map { "\($0.label)：\($0.valueLabel ?? format.string($0.value))" }.joined(separator: "；")
        if let target { description += "；" + (targetLabel ?? "目标 " + format.string(target)) }
        return document(width: width, height: height, title: title, description: description, body: body)
    }

    /// Vertical bars grouped by category, one bar per series (e.g. planned vs disbursed per
    /// contractor), with a y axis, gridlines, a legend and values above the bars.
    public static func groupedBarChart(title: String, categories: [String], series: [Series],
                                       format: ValueFormat = .plain, width: Double = 720,
                                       height: Double = 360) -> String {
        let frame = PlotFrame(series: series, format: format, width: width, height: height, top: 60, bottom: 44, right: 16)
        let (left, top, bottom, plotWidth, plotHeight) = (frame.left, frame.top, frame.bottom, frame.plotWidth, frame.plotHeight)
        var body = text(title, x: 16, y: 26, size: 16, weight: "bold", fill: "#111827")
        body += legend(series, right: width - frame.right, y: 48)
        body += frame.valueAxis()
        let groupWidth = plotWidth / Double(max(categories.count, 1))
        let barWidth = min(40, groupWidth * 0.8 / Double(max(series.count, 1)))
        for (categoryIndex, category) in categories.enumerated() {
            let groupLeft = left + groupWidth * Double(categoryIndex)
            let barsLeft = groupLeft + (groupWidth - barWidth * Double(series.count)) / 2
            for (seriesIndex, item) in series.enumerated() {
                guard categoryIndex < item.values.count, let value = item.values[categoryIndex] else { continue }
                let barHeight = plotHeight * max(value, 0) / frame.scale.max
                let x = barsLeft + barWidth * Double(seriesIndex)
                let y = top + plotHeight - barHeight
                body += rect(x: x, y: y, width: barWidth - 2, height: barHeight, fill: palette[seriesIndex % palette.count],
                             tooltip: "\(category) \(item.name)：\(format.string(value))")
                if barWidth >= 18 {
                    body += text(format.string(value), x: x + (barWidth - 2) / 2, y: y - 4, size: 10, anchor: "middle", fill: "#4b5563")
                }
            }
            body += text(fit(category, width: groupWidth - 4, size: 12), x: groupLeft + groupWidth / 2,
                         y: height - bottom + 18, size: 12, anchor: "middle")
        }
        let description = categories.enumerated().map { index, category in
            category + "：" + series.map { item in
                let value = index < item.values.count ? item.values[index] : nil
                return item.name + " " + (value.map { format.string($0) } ?? "无")
            }.joined(separator: "，")
        }.joined(separator: "；")
        return document(width: width, height: height, title: title, description: description, body: body)
    }
}
