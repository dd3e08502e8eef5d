import Foundation
import Testing
import XiangcunKit
@testable import ProgrammeCore

private func day(_ text: String) -> Day { Day(text) ?? Day(ordinal: 0) }
private func wan(_ text: String) -> Money { (try? Money(wanYuan: text)) ?? .zero }

/// One subsystem, one task per target list, contractors 甲/乙.
private func plan(targets: [TargetPlan], hardware: Day? = day("2021-06-30"), operation: Day? = day("2022-12-31"),
                  funds: [FundPlanRow] = [], disbursements: [DisbursementPlan] = [], progress: [ProgressEntry] = []) -> ProgrammePlan {
    let taskCodes = Array(Set(targets.map(\.taskCode))).sorted()
    return ProgrammePlan(
        info: ProgrammeInfo(countyCode: "331123000000", batchYear: 2020, title: "测试项目", centralFundsAllocated: wan("2000")),
        subsystems: [SubsystemPlan(code: "1", name: "物流", order: 1)],
        tasks: (taskCodes.isEmpty ? ["1.1"] : taskCodes).map {
            TaskPlan(code: $0, subsystemCode: "1", name: "任务\($0)", hardwareDeadline: hardware, operationDeadline: operation, contractors: ["甲"])
        },
        targets: targets, fundRows: funds, disbursements: disbursements, progress: progress)
}

private func verified(_ code: String, _ actual: Decimal, _ asOf: String = "2021-12-02") -> ProgressEntry {
    ProgressEntry(targetCode: code, asOf: day(asOf), actual: actual, status: .verified)
}

@Suite struct CompletionTests {
    @Test func atLeastAndRounding() {
        #expect(Percent.text(Completion.rate(actual: 1, target: 3, comparator: .atLeast)) == "33.33%")
        #expect(Percent.text(Completion.rate(actual: 2, target: 3, comparator: .atLeast)) == "66.67%")
        #expect(Percent.text(Completion.rate(actual: 1366, target: 2000, comparator: .atLeast)) == "68.30%")
        #expect(Percent.text(Decimal(string: "0.00005")) == "0.01%") // half-up
        #expect(Percent.text(Decimal(string: "0.000049")) == "0.00%")
        #expect(Percent.text(nil) == "—")
        #expect(Percent.plainText(Decimal(string: "0.5")) == "50.00")
        #expect(Rate(1, of: 3)?.percentText == "33.33%")
    }

    @Test func zeroTargetValue() {
        #expect(Completion.rate(actual: 0, target: 0, comparator: .atLeast) == 1)
        #expect(Completion.rate(actual: 0, target: 0, comparator: .atMost) == 1)
        #expect(Completion.rate(actual: 3, target: 0, comparator: .atMost) == 0)
        #expect(Completion.rate(actual: 0, target: 0, comparator: .equal) == 1)
        #expect(Completion.rate(actual: 2, target: 0, comparator: .equal) == 0)
    }

    @Test func atMostAndEqual() {
        #expect(Completion.rate(actual: 1, target: 2, comparator: .atMost) == 1)
        #expect(Completion.rate(actual: 2, target: 2, comparator: .atMost) == 1)
        #expect(Completion.rate(actual: 4, target: 2, comparator: .atMost) == Decimal(string: "0.5"))
        #expect(Completion.rate(actual: 12, target: 12, comparator: .equal) == 1)
        #expect(Percent.text(Completion.rate(actual: 10, target: 12, comparator: .equal)) == "83.33%")
        #expect(Completion.rate(actual: 15, target: 12, comparator: .equal) == Decimal(string: "0.8"))
    }

    @Test func overAchievementIsCappedButKept() throws {
        let p = plan(targets: [TargetPlan(taskCode: "1.1", code: "a", metric: "平台", unit: "个", value: 5)], progress: [verified("a", 7)])
        let t = try #require(Completion(plan: p).target("a"))
        #expect(t.uncapped == Decimal(string: "1.4"))
        #expect(t.rate == 1)
        #expect(t.rateText == "100.00%")
        #expect(t.isMet)
    }

    @Test func judgedRateOverrides() throws {
        let p = plan(targets: [TargetPlan(taskCode: "1.1", code: "a", metric: "中心", unit: "个", value: 1)], progress: [verified("a", 0)])
        let c = Completion(plan: p, judged: [JudgedRate(targetCode: "a", rate: Decimal(string: "0.8") ?? 0, reason: "主体完工，待验收")])
        let t = try #require(c.target("a"))
        #expect(t.rate == Decimal(string: "0.8"))
        #expect(t.uncapped == 0)
        #expect(t.judgedReason == "主体完工，待验收")
        #expect(!t.isMet)
        let table = CompletionTable(completion: c)
        #expect(table.rows[0].achieved.contains("认定：主体完工，待验收"))
        #expect(table.rows[0].rateText == "80.00")
    }

    @Test func noProgressCountsAsZeroForTheTaskButHasNoRate() throws {
        let p = plan(targets: [TargetPlan(taskCode: "1.1", code: "a", metric: "x", unit: "个", value: 10),
                               TargetPlan(taskCode: "1.1", code: "b", metric: "y", unit: "个", value: 10)],
                     progress: [verified("a", 5), ProgressEntry(targetCode: "b", asOf: day("2021-12-01"), actual: 10, status: .submitted)])
        let c = Completion(plan: p)
        #expect(c.target("b")?.rate == nil, "submitted (not verified) progress does not count")
        #expect(c.target("b")?.rateText == "—")
        #expect(c.task("1.1")?.rate == Decimal(string: "0.25"))
        #expect(c.task("1.1")?.reportedCount == 1)
        #expect(c.subsystems[0].rate == Decimal(string: "0.25"))
        #expect(CompletionTable(completion: c).rows[1].achieved == "尚无核实数据")
    }

    @Test func latestVerifiedEntryWinsAndSourcesOverride() throws {
        let t = TargetPlan(taskCode: "1.1", code: "s", metric: "村级综合服务站", unit: "个", value: 120, source: "network.villageStationsOperating")
        let p = plan(targets: [t], progress: [verified("s", 30, "2021-09-30"), verified("s", 60, "2021-12-01"), verified("s", 40, "2021-10-31"),
                                             ProgressEntry(targetCode: "s", asOf: day("2021-12-31"), actual: 120, status: .returned)])
        #expect(Completion(plan: p).target("s")?.actual == 60)
        #expect(Completion(plan: p).target("s")?.asOf == day("2021-12-01"))
        let live = Completion(plan: p, sources: ["network.villageStationsOperating": 90]).target("s")
        #expect(live?.actual == 90)
        #expect(live?.actualSource == .indicator)
        #expect(live?.rateText == "75.00%")
        // A source key the caller does not supply falls back to progress.
        #expect(Completion(plan: p, sources: ["other": 1]).target("s")?.actual == 60)
    }

    @Test func taskAndSubsystemMeans() throws {
        var p = plan(targets: [TargetPlan(taskCode: "1.1", code: "a", metric: "x", unit: "", value: 3),
                               TargetPlan(taskCode: "1.2", code: "b", metric: "y", unit: "", value: 1)],
                     progress: [verified("a", 1), verified("b", 1)])
        p.tasks.append(TaskPlan(code: "1.3", subsystemCode: "1", name: "无目标任务"))
        let c = Completion(plan: p)
        #expect(c.task("1.3")?.rate == nil)
        // (1/3 + 1) / 2 = 2/3; the task without targets is left out.
        #expect(Percent.text(c.subsystems[0].rate) == "66.67%")
        #expect(Percent.text(c.overall) == "66.67%")
    }
}

@Suite struct DeadlineTests {
    let target = TargetPlan(taskCode: "1.1", code: "a", metric: "x", unit: "个", value: 10)

    func status(_ today: String, hardware: Day? = day("2021-06-30"), operation: Day? = day("2022-12-31"), actual: Decimal? = nil) -> TaskDeadline? {
        let p = plan(targets: [target], hardware: hardware, operation: operation, progress: actual.map { [verified("a", $0)] } ?? [])
        let c = Completion(plan: p)
        return c.tasks.first.map { Deadlines.status(of: $0, today: day(today)) }
    }

    @Test func boundaries() {
        #expect(status("2021-05-30")?.status == .onTrack)      // 31 days left
        #expect(status("2021-05-31")?.status == .dueSoon)      // 30 days left
        #expect(status("2021-06-30")?.status == .dueSoon)      // the deadline day itself
        #expect(status("2021-06-30")?.daysLeft == 0)
        #expect(status("2021-07-01")?.status == .overdue)
        #expect(status("2021-07-01")?.daysLeft == -1)
    }

    @Test func doneWinsAndPartialIsNotDone() {
        #expect(status("2021-07-01", actual: 10)?.status == .done)
        #expect(status("2021-07-01", actual: 9)?.status == .overdue)
        #expect(status("2021-01-01", actual: 12)?.status == .done)
    }

    @Test func operationDeadlineWhenNoHardwareDateAndNoDeadlineAtAll() {
        #expect(status("2022-12-01", hardware: nil)?.status == .dueSoon)
        #expect(status("2022-12-01", hardware: nil)?.deadline == day("2022-12-31"))
        #expect(status("2023-01-01", hardware: nil)?.status == .overdue)
        #expect(status("2030-01-01", hardware: nil, operation: nil)?.status == .noDeadline)
        #expect(DeadlineStatus.overdue.chineseName == "已逾期")
    }

    @Test func taskWithoutTargetsIsNeverDone() {
        let p = ProgrammePlan(info: ProgrammeInfo(countyCode: "331123000000", batchYear: 2020, title: "t"),
                              subsystems: [SubsystemPlan(code: "1", name: "s", order: 1)],
                              tasks: [TaskPlan(code: "1.1", subsystemCode: "1", name: "t", hardwareDeadline: day("2021-06-30"))])
        let statuses = Deadlines.statuses(Completion(plan: p), today: day("2021-07-01"))
        #expect(statuses.map(\.status) == [.overdue])
        #expect(Deadlines.counts(statuses)[.overdue] == 1 && Deadlines.counts(statuses)[.done] == 0)
    }
}

@Suite struct FundAndAlignmentTests {
    let funds = [FundPlanRow(contractor: "甲", content: "物流", subsystemCode: "1", planned: wan("300"), category: .logistics),
                 FundPlanRow(contractor: "乙", content: "培训", subsystemCode: "1", planned: wan("0"), category: .training),
                 FundPlanRow(contractor: "甲", content: "仓储", subsystemCode: "1", planned: wan("100"), category: .logistics)]

    @Test func approvedOnlyZeroPlanAndGrouping() throws {
        let p = plan(targets: [], funds: funds, disbursements: [
            DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-03-31"), amount: wan("100"), status: .approved),
            DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-04-30"), amount: wan("50"), status: .pending),
            DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-05-31"), amount: wan("150"), status: .rejected),
            DisbursementPlan(contractor: "甲", content: "仓储", date: day("2021-05-31"), amount: wan("33.333333"), status: .approved),
        ])
        let t = FundTable(plan: p)
        #expect(t.rows.map(\.content) == ["物流", "仓储", "培训"], "a contractor's rows are kept together")
        #expect(t.groups.map(\.rows) == [0...1, 2...2])
        #expect(t.rows[0].disbursed.wanYuanText == "100.00")
        #expect(t.rows[0].pending.wanYuanText == "50.00")
        #expect(t.rows[0].rate?.percentText == "33.33%")
        #expect(t.rows[1].rate?.percentText == "33.33%")
        #expect(t.rows[2].rate == nil, "a zero plan has no rate")
        #expect(SelfAssessmentReport.rateCell(t.rows[2].rate) == "—")
        #expect(t.group(of: "甲")?.disbursed.wanYuanText == "133.33")
        #expect(t.totalPlanned.wanYuanText == "400.00")
        #expect(t.totalRate?.percentText == "33.33%")
        #expect(t.allocated.wanYuanText == "2000.00")
    }

    @Test func fundRulesRefuseOverDisbursementNegativeListAndUnknownRows() {
        var p = plan(targets: [], funds: funds, disbursements: [
            DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-03-31"), amount: wan("250"), status: .approved)])
        let more = DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-06-30"), amount: wan("60"), status: .pending)
        #expect(FundRules.problems(with: more, in: p).contains { $0.contains("超计划拨付") && $0.contains("310.00") })
        #expect(FundRules.problems(with: more, in: p, replacing: 0).isEmpty, "editing the existing row replaces it")
        let ok = DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-06-30"), amount: wan("50"))
        #expect(FundRules.problems(with: ok, in: p).isEmpty)
        let unknown = DisbursementPlan(contractor: "丙", content: "物流", date: day("2021-06-30"), amount: wan("1"))
        #expect(FundRules.problems(with: unknown, in: p).contains { $0.contains("资金计划中没有") })
        p.fundRows.append(FundPlanRow(contractor: "甲", content: "买流量", planned: wan("10"), category: .buyingTraffic))
        let traffic = DisbursementPlan(contractor: "甲", content: "买流量", date: day("2021-06-30"), amount: wan("1"))
        #expect(FundRules.problems(with: traffic, in: p).contains { $0.contains("中央财政资金不得用于购买流量") })
        #expect(FundRules.problem(with: p.fundRows[3]) != nil)
        #expect(FundRules.problem(with: p.fundRows[0]) == nil)
    }

    func alignment(disbursed: String, actual: Decimal, threshold: Decimal = Alignment.defaultThreshold) -> ContractorAlignment? {
        let p = plan(targets: [TargetPlan(taskCode: "1.1", code: "a", metric: "x", unit: "", value: 100)],
                     funds: [FundPlanRow(contractor: "甲", content: "物流", planned: wan("100"))],
                     disbursements: [DisbursementPlan(contractor: "甲", content: "物流", date: day("2021-03-31"), amount: wan(disbursed))],
                     progress: [verified("a", actual)])
        return Alignment.check(funds: FundTable(plan: p), completion: Completion(plan: p), threshold: threshold).first
    }

    @Test func alignmentWarnings() throws {
        let ahead = try #require(alignment(disbursed: "50", actual: 30))
        #expect(ahead.isWarning)
        #expect(ahead.warning?.contains("50.00%") == true)
        #expect(ahead.completion == Decimal(string: "0.3"))
        #expect(ahead.taskCodes == ["1.1"])
        #expect(alignment(disbursed: "50", actual: 45)?.isWarning == false)
        #expect(alignment(disbursed: "50", actual: 40)?.isWarning == false, "exactly 10 points is not more than 10")
        #expect(alignment(disbursed: "50", actual: 39)?.isWarning == true)
        #expect(alignment(disbursed: "50", actual: 45, threshold: Decimal(string: "0.02") ?? 0)?.isWarning == true)
        #expect(alignment(disbursed: "30", actual: 90)?.isWarning == false, "completion ahead of money is fine")
    }

    @Test func moneyDisbursedWithoutTasksWarns() {
        let p = plan(targets: [], funds: [FundPlanRow(contractor: "乙", content: "培训", planned: wan("100"))],
                     disbursements: [DisbursementPlan(contractor: "乙", content: "培训", date: day("2021-03-31"), amount: wan("10"))])
        let a = Alignment.check(funds: FundTable(plan: p), completion: Completion(plan: p))
        #expect(a.first?.completion == nil)
        #expect(a.first?.warning?.contains("没有可核实完成率的承担任务") == true)
    }
}

@Suite struct SnapshotTests {
    @Test func snapshotProgressIsNotCountedTwice() throws {
        let entry = ProgressEntry(targetCode: "a", asOf: Day(year: 2021, month: 12, day: 2) ?? Day(ordinal: 0), actual: 1, status: .submitted)
        let other = ProgressEntry(targetCode: "a", asOf: Day(year: 2021, month: 12, day: 3) ?? Day(ordinal: 0), actual: 2, status: .submitted)
        let plan = ProgrammePlan(info: ProgrammeInfo(countyCode: "331123000000", batchYear: 2020, title: "t"), progress: [entry],
                                 narratives: [NarrativeKey.problems: "旧", NarrativeKey.nextSteps: "计划"])
        let snapshot = ProgrammeSnapshot(plan: plan, progress: [entry, other], narratives: [NarrativeKey.problems: "新"], countyName: "遂昌县",
                                         asOf: Day(year: 2021, month: 12, day: 31) ?? Day(ordinal: 0))
        #expect(snapshot.allProgress == [entry, other])
        #expect(ProgrammeIndicators(snapshot: snapshot).awaitingVerification.count == 2)
        #expect(snapshot.allNarratives == [NarrativeKey.problems: "新", NarrativeKey.nextSteps: "计划"])
    }
}
