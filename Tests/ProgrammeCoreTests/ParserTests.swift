import Documents
import Foundation
import Testing
import XiangcunKit
@testable import ProgrammeCore

@Suite struct ParserTests {
    @Test func fixtureIsValid() throws {
        let result = try Fixture().parse()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let plan = try #require(result.plan)
        #expect(plan.info.countyCode == "331123000000")
        #expect(plan.info.centralFundsAllocated.wanYuanText == "2000.00")
        #expect(plan.info.enterpriseFunds.fen == 5_025_000_00)
        #expect(plan.tasks[0].responsibleUnits == ["县邮政公司", "县经济商务局"])
        #expect(plan.tasks[1].responsibleUnits == ["县人力社保局", "团县委"])
        #expect(plan.tasks[1].hardwareDeadline == Day(year: 2021, month: 12, day: 31))
        #expect(plan.tasks[1].operationDeadline == nil)
        #expect(plan.targets[1].value == 1000)
        #expect(plan.targets[1].comparator == .atLeast)
        #expect(plan.fundRows[1].planned.wanYuanText == "1610.00")
        #expect(plan.fundRows[0].category == .logistics)
        #expect(plan.fundRows[1].category == .training)
        #expect(plan.disbursements[0].status == .approved)
        #expect(plan.progress[0].status == .verified)
    }

    @Test func missingRequiredCell() throws {
        var f = Fixture()
        f["任务", 2, 3] = ""
        expectError(try f.parse(), "任务", 2, "C", "不能为空")
    }

    @Test func missingRequiredProgrammeKey() throws {
        var f = Fixture()
        f.sheets["方案"]?.remove(at: 3) // 项目名称
        expectError(try f.parse(), "方案", 0, "", "项目名称")
    }

    @Test func missingRequiredColumn() throws {
        var f = Fixture()
        f["目标", 1, 6] = "数值"
        expectError(try f.parse(), "目标", 1, "", "目标值")
    }

    @Test func badNumbers() throws {
        var f = Fixture()
        f["目标", 3, 6] = "一千"
        expectError(try f.parse(), "目标", 3, "F", "不是数字")
        f = Fixture()
        f["资金计划", 2, 4] = "三百"
        expectError(try f.parse(), "资金计划", 2, "D", "不是金额")
        f = Fixture()
        f["资金计划", 2, 4] = "300.1234567"
        expectError(try f.parse(), "资金计划", 2, "D", "6 位小数")
        f = Fixture()
        f["拨付", 2, 4] = "-5"
        expectError(try f.parse(), "拨付", 2, "D", "大于 0")
        f = Fixture()
        f["方案", 3, 2] = "二〇二〇"
        expectError(try f.parse(), "方案", 3, "B", "批次年度")
    }

    @Test func moneyAcceptsThousandsSeparatorsAndSixDecimals() throws {
        var f = Fixture()
        f["资金计划", 3, 4] = "1,609.123456"
        let plan = try #require(try f.parse().plan)
        #expect(plan.fundRows[1].planned.fen == 1_609_123_456 * 100 / 100)
        #expect(plan.fundRows[1].planned == (try Money(wanYuan: "1609.123456")))
    }

    @Test func badDates() throws {
        var f = Fixture()
        f["任务", 2, 4] = "2021-13-01"
        expectError(try f.parse(), "任务", 2, "D", "不是日期")
        f = Fixture()
        f["拨付", 2, 3] = ""
        expectError(try f.parse(), "拨付", 2, "C", "不能为空")
        f = Fixture()
        f["承办企业", 2, 4] = "明年"
        expectError(try f.parse(), "承办企业", 2, "D", "协议日期")
    }

    @Test func datesInEveryTextForm() throws {
        var f = Fixture()
        f["任务", 2, 4] = "2021年6月30日前"
        f["任务", 2, 5] = "2022/12/31"
        f["拨付", 2, 3] = "44286" // Excel serial typed into a CSV: 2021-03-31
        let plan = try #require(try f.parse().plan)
        #expect(plan.tasks[0].hardwareDeadline == Day(year: 2021, month: 6, day: 30))
        #expect(plan.tasks[0].operationDeadline == Day(year: 2022, month: 12, day: 31))
        #expect(plan.disbursements[0].date == Day(year: 2021, month: 3, day: 31))
    }

    @Test func enumWords() throws {
        var f = Fixture()
        f["目标", 2, 5] = "大约"
        expectError(try f.parse(), "目标", 2, "E", "比较")
        f = Fixture()
        f["拨付", 2, 7] = "未知"
        expectError(try f.parse(), "拨付", 2, "G", "状态")
        f = Fixture()
        f["资金计划", 2, 5] = "吃饭"
        expectError(try f.parse(), "资金计划", 2, "E", "支出类别")
        f = Fixture()
        f["方案", 7, 2] = "搞定"
        expectError(try f.parse(), "方案", 7, "B", "状态")
        f = Fixture()
        f["进度", 2, 5] = "OK?"
        expectError(try f.parse(), "进度", 2, "E", "状态")
    }

    @Test func enumWordsInChineseAndEnglish() throws {
        #expect(Comparator.parse("不超过") == .atMost)
        #expect(Comparator.parse("<=") == .atMost)
        #expect(Comparator.parse("≤") == .atMost)
        #expect(Comparator.parse("=") == .equal)
        #expect(Comparator.parse("不少于") == .atLeast)
        #expect(Comparator.parse("atLeast") == .atLeast)
        #expect(SpendingCategory.parse("楼堂馆所") == .buildings)
        #expect(SpendingCategory.parse("publicService") == .publicService)
        #expect(SpendingCategory.parse("公共服务体系") == .publicService)
        #expect(DisbursementStatus.parse("待审批") == .pending)
        #expect(DisbursementStatus.parse("approved") == .approved)
        #expect(ProgressStatus.parse("已核实") == .verified)
        #expect(ProgrammeStatus.parse("实施中") == .implementing)
        #expect(ProgrammeStatus.parse("completed") == .completed)
        for c in SpendingCategory.allCases { #expect(SpendingCategory.parse(c.chineseName) == c) }
        for c in Comparator.allCases { #expect(Comparator.parse(c.chineseName) == c && Comparator.parse(c.symbol) == c) }
        for s in DisbursementStatus.allCases { #expect(DisbursementStatus.parse(s.chineseName) == s) }
        for s in ProgressStatus.allCases { #expect(ProgressStatus.parse(s.chineseName) == s) }
        for s in ProgrammeStatus.allCases { #expect(ProgrammeStatus.parse(s.chineseName) == s) }
    }

    @Test func duplicates() throws {
        var f = Fixture()
        f.append("体系", ["1", "重复体系"])
        expectError(try f.parse(), "体系", 4, "A", "重复")
        f = Fixture()
        f.append("承办企业", ["甲公司", "", "", "", ""])
        expectError(try f.parse(), "承办企业", 4, "A", "重复")
        f = Fixture()
        f.append("资金计划", ["甲公司", "物流体系建设", "1", "10", "物流"])
        expectError(try f.parse(), "资金计划", 4, "B", "重复")
        f = Fixture()
        f.append("目标", ["2.1", "1.1.a", "另一个", "个", "≥", "1"])
        expectError(try f.parse(), "目标", 4, "B", "重复")
        f = Fixture()
        f.append("任务", ["1.1", "1", "同号任务", "", "", "", ""])
        expectError(try f.parse(), "任务", 4, "A", "重复")
    }

    @Test func references() throws {
        var f = Fixture()
        f["任务", 2, 2] = "9"
        expectError(try f.parse(), "任务", 2, "B", "体系编号")
        f = Fixture()
        f["目标", 2, 1] = "9.9"
        expectError(try f.parse(), "目标", 2, "A", "任务编号")
        f = Fixture()
        f["任务", 3, 7] = "乙公司、丙公司"
        expectError(try f.parse(), "任务", 3, "G", "丙公司")
        f = Fixture()
        f["资金计划", 2, 1] = "丙公司"
        expectError(try f.parse(), "资金计划", 2, "A", "丙公司")
        f = Fixture()
        f["拨付", 2, 2] = "不存在的内容"
        expectError(try f.parse(), "拨付", 2, "B", "资金计划中没有")
        f = Fixture()
        f["进度", 2, 1] = "7.7.z"
        expectError(try f.parse(), "进度", 2, "A", "目标编号")
    }

    @Test func overDisbursementNamesTheFundRow() throws {
        var f = Fixture()
        f.append("拨付", ["甲公司", "物流体系建设", "2021-09-30", "150.01", "二期", "审计报告", "待审批"])
        let result = try f.parse()
        expectError(result, "拨付", 3, "D", "资金计划第2行")
        #expect(result.errors.first?.message.contains("300.00") == true)
        // A rejected disbursement does not count.
        f["拨付", 3, 7] = "已驳回"
        #expect(try f.parse().plan != nil)
        // Exactly the plan is fine.
        f["拨付", 3, 7] = "待审批"
        f["拨付", 3, 4] = "150"
        #expect(try f.parse().plan != nil)
    }

    @Test func negativeListCategoryIsRefusedWithTheReason() throws {
        for word in ["网络交易平台", "楼堂馆所", "征地拆迁", "购买流量", "人员经费", "工作经费"] {
            var f = Fixture()
            f["资金计划", 3, 5] = word
            let result = try f.parse()
            expectError(result, "资金计划", 3, "E", "中央财政资金不得用于\(word)")
            #expect(result.errors.first?.message.contains("负面清单") == true)
        }
    }

    @Test func creditCodes() throws {
        // 91330000MA27U0EX0Y — a well-formed code; find its valid check character, then break it.
        let body = "91331123MA28X0EX0"
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let valid = try #require(alphabet.map { body + String($0) }.first(where: Identifiers.isValidCreditCode))
        let invalid = try #require(alphabet.map { body + String($0) }.first { !Identifiers.isValidCreditCode($0) })
        var f = Fixture()
        f["承办企业", 2, 2] = valid
        var result = try f.parse()
        #expect(result.plan?.contractors[0].creditCode == valid)
        #expect(result.warnings.isEmpty)
        f["承办企业", 2, 2] = invalid
        result = try f.parse()
        #expect(result.plan != nil, "a checksum failure is only a warning")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.contains { $0.sheet == "承办企业" && $0.row == 2 && $0.column == "B" && $0.message.contains("校验位") })
        f["承办企业", 2, 2] = "91331123MA28X0EX0" // 17 characters
        expectError(try f.parse(), "承办企业", 2, "B", "格式不正确")
        f["承办企业", 2, 2] = "91331123MA28X0EXOI" // O and I are not in the alphabet
        expectError(try f.parse(), "承办企业", 2, "B", "格式不正确")
    }

    @Test func requiredAndOptionalSheets() throws {
        for sheet in ["方案", "体系", "任务"] {
            var f = Fixture()
            f.sheets[sheet] = nil
            let result = try f.parse()
            expectError(result, sheet, 0, "", "缺少必需的工作表")
        }
        var f = Fixture()
        f.sheets["拨付"] = nil
        f.sheets["进度"] = nil
        let plan = try #require(try f.parse().plan)
        #expect(plan.disbursements.isEmpty && plan.progress.isEmpty)
    }

    @Test func everyErrorIsReportedNotJustTheFirst() throws {
        var f = Fixture()
        f["任务", 2, 3] = ""
        f["目标", 3, 6] = "x"
        f["资金计划", 2, 5] = "购买流量"
        let result = try f.parse()
        #expect(result.plan == nil)
        #expect(result.errors.count >= 3)
        #expect(result.errors.allSatisfy { !$0.description.isEmpty })
        #expect(result.errors[0].description.contains("第2行"))
    }

    @Test func csvInGB18030() throws {
        var data = try Fixture().csv()
        data["体系"] = try CSV.write([["编号", "名称"], ["1", "物流体系"], ["2", "培训体系"]], encoding: .gb18030)
        data["任务.csv"] = data.removeValue(forKey: "任务") // file names with .csv work too
        let result = PlanWorkbook.parse(csvSheets: data)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.plan?.subsystems.map(\.name) == ["物流体系", "培训体系"])
    }

    @Test func narrativesSheet() throws {
        var f = Fixture()
        f.sheets["报告文字"] = [["键", "内容"], ["存在问题", "（一）规模小\n总量偏小。"], ["progress.1", "物流进展"], ["实施进展.2", "培训进展"]]
        let plan = try #require(try f.parse().plan)
        #expect(plan.narratives[NarrativeKey.problems] == "（一）规模小\n总量偏小。")
        #expect(plan.narratives[NarrativeKey.progress("1")] == "物流进展")
        #expect(plan.narratives[NarrativeKey.progress("2")] == "培训进展")
        f.sheets["报告文字"]?.append(["无此键", "x"])
        // CSV rows are file lines: the two-line quoted cell above moves this record to line 6.
        expectError(try f.parse(), "报告文字", 6, "A", "无效")
        f.sheets["报告文字"] = [["键", "内容"], ["progress.9", "x"]]
        expectError(try f.parse(), "报告文字", 2, "A", "体系编号")
    }

    /// Writes the fixture as a real .xlsx with Excel numbers and dates, reads it back and parses it.
    @Test func xlsxInputWithNumbersAndDates() throws {
        func sheet(_ name: String, _ header: [String], _ rows: [[XLSX.Cell]]) -> XLSX.Sheet {
            XLSX.Sheet(name: name, header: header, rows: rows)
        }
        let book = XLSX.Workbook(sheets: [
            sheet("说明", ["说明"], [["任意说明文字"]]),
            sheet("方案", ["项目", "内容"], [["县代码", "331123000000"], ["批次年度", 2020], ["项目名称", "测试项目"],
                                         ["批复日期", .date(year: 2021, month: 4, day: 4)], ["中央财政资金下达(万元)", .decimal("2000")],
                                         ["企业自筹资金(万元)", .decimal("502.5")]]),
            sheet("体系", ["编号", "名称", "顺序"], [[1, "物流", 1]]),
            sheet("任务", ["编号", "体系编号", "任务名称", "硬件完成时限", "运营时限"],
                  [["1.1", 1, "共配中心", .date(year: 2021, month: 6, day: 30), .date(year: 2022, month: 12, day: 31)]]),
            sheet("目标", ["任务编号", "目标编号", "指标", "单位", "比较", "目标值"], [["1.1", "1.1.a", "面积", "m²", ">=", .decimal("2000")]]),
            sheet("承办企业", ["名称"], [["甲公司"]]),
            sheet("资金计划", ["承办企业", "主要建设内容", "计划拨付资金（万元）"], [["甲公司", "物流", .decimal("355")]]),
            sheet("拨付", ["承办企业", "主要建设内容", "日期", "金额(万元)"], [["甲公司", "物流", .date(year: 2021, month: 3, day: 31), .decimal("177.5")]]),
            sheet("进度", ["目标编号", "截至日期", "实际值", "状态"], [["1.1.a", .date(year: 2021, month: 12, day: 2), .decimal("1999.5"), "verified"]]),
        ])
        let result = PlanWorkbook.parse(xlsxData: try XLSX.write(book))
        #expect(result.errors.isEmpty, "\(result.errors)")
        let plan = try #require(result.plan)
        #expect(plan.info.countyCode == "331123000000")
        #expect(plan.info.batchYear == 2020)
        #expect(plan.info.approvalDate == Day(year: 2021, month: 4, day: 4))
        #expect(plan.info.enterpriseFunds.wanYuanText == "502.50")
        #expect(plan.subsystems[0].code == "1")
        #expect(plan.tasks[0].subsystemCode == "1")
        #expect(plan.tasks[0].hardwareDeadline == Day(year: 2021, month: 6, day: 30))
        #expect(plan.disbursements[0].amount.fen == 177_500_000 * 100 / 100 * 100 / 100)
        #expect(plan.disbursements[0].amount == (try Money(wanYuan: "177.5")))
        #expect(plan.progress[0].actual == Decimal(string: "1999.5"))
        #expect(FundTable(plan: plan).rows[0].rate?.percentText == "50.00%")
    }

    @Test func xlsxErrorsNameTheRealRowAndColumn() throws {
        // A title row above the header, and columns in another order.
        let book = XLSX.Workbook(sheets: [
            XLSX.Sheet(name: "方案", header: ["项目", "内容"], rows: [["县代码", "331123"], ["批次年度", "2020"], ["项目名称", "测试"]]),
            XLSX.Sheet(name: "体系", title: "建设体系", header: ["名称", "编号"], rows: [["物流", "1"]]),
            XLSX.Sheet(name: "任务", header: ["体系编号", "编号", "任务名称", "硬件完成时限"], rows: [["1", "1.1", "共配中心", .text("六月底")]]),
        ])
        let result = PlanWorkbook.parse(xlsxData: try XLSX.write(book))
        expectError(result, "任务", 2, "D", "不是日期")
        #expect(result.errors.count == 1)
    }

    @Test func excelFloatNoiseIsRoundedToFen() throws {
        #expect(try CellParse.money(.number("177.50000000000003")).get() == (try Money(wanYuan: "177.5")))
        #expect(throws: CellProblem.self) { try CellParse.money(.number("0.1234567")).get() }
        #expect(try CellParse.money(.text("1,910")).get() == (try Money(wanYuan: "1910")))
        #expect(try CellParse.money(.text("300万元")).get() == (try Money(wanYuan: "300")))
    }

    @Test func templateParsesBackAndExplainsEveryColumn() throws {
        let workbook = PlanWorkbook.template()
        #expect(workbook.sheets.first?.name == "说明")
        #expect(workbook.sheets.map(\.name).dropFirst() == PlanSheet.allCases.map(\.name)[...])
        let instructions = try #require(workbook.sheets.first)
        for sheet in PlanSheet.allCases where sheet != .programme {
            for column in sheet.columns {
                #expect(instructions.rows.contains { $0.count > 1 && $0[0] == .text(sheet.name) && $0[1] == .text(column.header) },
                        "说明 lacks \(sheet.name)/\(column.header)")
            }
        }
        let result = PlanWorkbook.parse(xlsxData: try PlanWorkbook.templateData())
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let plan = try #require(result.plan)
        #expect(plan.tasks.count == 1 && plan.targets.count == 1 && plan.fundRows.count == 1 && plan.disbursements.count == 1)
        #expect(plan.info.enterpriseFunds.wanYuanText == "502.50")
    }
}

@Suite("Plan import: facts are not dated in the future")
struct PlanFactDayTests {
    @Test func paymentsAndProgressAfterTodayAreRowErrors() throws {
        let future = Day.today().adding(days: 1).iso
        var f = Fixture()
        f["拨付", 2, 3] = future
        expectError(try f.parse(), "拨付", 2, "C", "不能晚于今天")
        f = Fixture()
        f["进度", 2, 2] = future
        expectError(try f.parse(), "进度", 2, "B", "不能晚于今天")
        f = Fixture()
        f["拨付", 2, 3] = Day.today().iso
        #expect(try f.parse().errors.isEmpty, "today is allowed")
    }
}
