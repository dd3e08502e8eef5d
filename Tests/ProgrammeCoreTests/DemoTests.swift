import Documents
import Foundation
import Testing
import XiangcunKit
@testable import ProgrammeCore

@Suite struct DemoTests {
    @Test func demoParsesWithoutErrorsOrWarnings() throws {
        let result = PlanWorkbook.parse(csvSheets: try DemoProgramme.csvSheets())
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let plan = try #require(result.plan)
        #expect(plan.info.countyCode == "331123000000")
        #expect(plan.info.batchYear == 2020)
        #expect(plan.subsystems.count == 7)
        #expect(plan.tasks.count == 18)
        #expect(plan.contractors.map(\.name).sorted() == ["中国邮政集团有限公司浙江省遂昌县分公司", "浙江赶街电子商务有限公司"].sorted())
        #expect(plan.contractors.allSatisfy { $0.creditCode.isEmpty && $0.agreementDate == Day(year: 2021, month: 1, day: 20) })
    }

    @Test func fundTableReproducesTheSeed() throws {
        let plan = try DemoProgramme.suichang()
        let table = FundTable(plan: plan)
        let expected: [(String, String, String, String)] = [
            ("中国邮政集团有限公司浙江省遂昌县分公司", "构建县乡村三级物流体系", "300.00", "150.00"),
            ("浙江赶街电子商务有限公司", "构建农村电商公共服务体系", "300.00", "150.00"),
            ("浙江赶街电子商务有限公司", "构建农产品上行和消费品下行双向流通体系", "355.00", "177.50"),
            ("浙江赶街电子商务有限公司", "构建电子商务培训体系", "260.00", "130.00"),
            ("浙江赶街电子商务有限公司", "构建农村电子商务市场运营体系", "315.00", "157.50"),
            ("浙江赶街电子商务有限公司", "夯实农村电商产业集聚体系", "300.00", "150.00"),
            ("浙江赶街电子商务有限公司", "深化电子扶贫体系", "80.00", "40.00"),
        ]
        #expect(table.rows.count == expected.count)
        for (row, e) in zip(table.rows, expected) {
            #expect(row.contractor == e.0)
            #expect(row.content == e.1)
            #expect(row.planned.wanYuanText == e.2)
            #expect(row.disbursed.wanYuanText == e.3)
            #expect(row.rate?.percentText == "50.00%")
        }
        #expect(table.totalPlanned.wanYuanText == "1910.00")
        #expect(table.totalDisbursed.wanYuanText == "955.00")
        #expect(table.totalRate?.percentText == "50.00%")
        #expect(table.allocated.wanYuanText == "2000.00")
        #expect(table.contracted != table.allocated)
        #expect(plan.contractedTotal.wanYuanText == "1910.00")
        #expect(table.groups.map(\.rows) == [0...0, 1...6])
        let total = plan.contractedTotal + plan.info.localMatchingFunds + plan.info.enterpriseFunds
        #expect(total.wanYuanText == "2412.50")
    }
}
