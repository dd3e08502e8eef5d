import Foundation
import Routing

/// CVRPLIB instances and solutions as `route solve` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCVRPLIB(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? CVRPLIB.parse(text)
    _ = try? CVRPLIB.parseSolution(text)
    return 0
}
