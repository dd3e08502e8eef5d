import Foundation
import Testing
@testable import Documents

@Suite struct SVGTests {
    static func parse(_ svg: String) throws -> NullHandler {
        let handler = NullHandler()
        try XMLEvents.parse(Data(svg.utf8), part: "chart.svg", into: handler)
        return handler
    }

    static func checkAccessible(_ svg: String, title: String) {
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"aria-label="\#(XMLEscape.attribute(title))""#))
        #expect(svg.contains("<title>\(XMLEscape.text(title))</title>"))
        #expect(svg.contains("WenQuanYi Micro Hei"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func horizontalBars() throws {
        let bars = [SVG.Bar("县乡村三级物流体系", 0.95), SVG.Bar("公共服务体系 <A&B>", 0.5), SVG.Bar("培训体系", 1.2)]
        let svg = SVG.horizontalBarChart(title: "各体系完成率", bars: bars, format: .percent(decimals: 2),
                                         target: 1, targetLabel: "目标 100%")
        let parsed = try Self.parse(svg)
        Self.checkAccessible(svg, title: "各体系完成率")
        #expect(parsed.texts.contains("县乡村三级物流体系"))
        #expect(parsed.texts.contains("公共服务体系 <A&B>"))
        #expect(parsed.texts.contains("95.00%") && parsed.texts.contains("120.00%"))
        #expect(parsed.texts.contains("目标 100%"))
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg == SVG.horizontalBarChart(title: "各体系完成率", bars: bars, format: .percent(decimals: 2),
                                              target: 1, targetLabel: "目标 100%"))
    }

    @Test func groupedBars() throws {
        let svg = SVG.groupedBarChart(
            title: "计划与拨付（万元）", categories: ["邮政分公司", "某某电商有限公司", "物流公司"],
            series: [SVG.Series("计划", values: [1910, 300, 520]), SVG.Series("已拨付", [955, nil, 260])],
            format: .number(decimals: 2, unit: ""))
        let parsed = try Self.parse(svg)
        Self.checkAccessible(svg, title: "计划与拨付（万元）")
        #expect(parsed.texts.contains("邮政分公司") && parsed.texts.contains("计划") && parsed.texts.contains("已拨付"))
        #expect(parsed.texts.contains("1910.00") && parsed.texts.contains("955.00"))
        #expect(svg.contains("某某电商有限公司：计划 300.00，已拨付 无")) // gap is described
        #expect(parsed.names.filter { $0 == "rect" }.count == 1 + 5 + 2) // background + bars + legend
    }

    @Test func progressRing() throws {
        let svg = SVG.progressRing(title: "资金拨付率", rate: 0.5, caption: "已拨付 955 / 1910 万元")
        let parsed = try Self.parse(svg)
        Self.checkAccessible(svg, title: "资金拨付率")
        #expect(parsed.texts.contains("50.00%") && parsed.texts.contains("已拨付 955 / 1910 万元"))
        let empty = SVG.progressRing(title: "零", rate: .nan)
        _ = try Self.parse(empty)
        #expect(empty.contains("0.00%"))
        let over = SVG.progressRing(title: "超额", rate: 1.25, decimals: 0)
        #expect(over.contains(">125%<"))
    }

    @Test func lineChart() throws {
        let months = (1...12).map { "\($0)月" }
        let svg = SVG.lineChart(title: "网络零售额（亿元）", labels: months,
                                series: [SVG.Series("2023", values: (1...12).map { Double($0) * 2.5 }),
                                         SVG.Series("2024", [3, 5, 8, nil, nil, nil, nil, nil, nil, nil, nil, nil])],
                                format: .number(decimals: 1, unit: ""))
        let parsed = try Self.parse(svg)
        Self.checkAccessible(svg, title: "网络零售额（亿元）")
        #expect(parsed.texts.contains("1月") && parsed.texts.contains("2024"))
        #expect(parsed.names.filter { $0 == "polyline" }.count == 2)
        #expect(parsed.names.filter { $0 == "circle" }.count == 15)
    }

    @Test func emptyInputsStillWellFormed() throws {
        _ = try Self.parse(SVG.horizontalBarChart(title: "空", bars: []))
        _ = try Self.parse(SVG.groupedBarChart(title: "空", categories: [], series: []))
        _ = try Self.parse(SVG.lineChart(title: "空", labels: [], series: []))
        _ = try Self.parse(SVG.lineChart(title: "一", labels: ["1月"], series: [SVG.Series("a", values: [0])]))
    }

    @Test func helpers() {
        #expect(SVG.number(1910, decimals: 2) == "1910.00")
        #expect(SVG.number(-0.001, decimals: 2) == "0.00")
        #expect(SVG.niceScale(1910).max == 2000)
        #expect(SVG.niceScale(0).max == 1)
        #expect(XMLEscape.text("a<b>&c\u{1}") == "a&lt;b&gt;&amp;c")
        #expect(XMLEscape.attribute("\"'") == "&quot;&apos;")
        #expect(DisplayWidth.of("遂昌county") == 10)
    }
}
