import Foundation
import FuzzSupport
import ProgrammeCore

/// The programme plan workbook importer: as .xlsx bytes and as the CSV sheets of a plan.
public func fuzzPlanWorkbook(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    _ = PlanWorkbook.parse(xlsxData: data)
    // Split the input into the plan's sheets so each sheet parser sees varied text.
    let parts = data.split(separator: 0x1E, maxSplits: PlanSheet.allCases.count - 1, omittingEmptySubsequences: false)
    var sheets: [String: Data] = [:]
    for (sheet, part) in zip(PlanSheet.allCases, parts) { sheets[sheet.name] = Data(part) }
    _ = PlanWorkbook.parse(csvSheets: sheets)
    return 0
}

@_cdecl("FuzzPlanWorkbook_main")
func fuzzPlanWorkbookMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzPlanWorkbook(bytes, count)
    }
}
