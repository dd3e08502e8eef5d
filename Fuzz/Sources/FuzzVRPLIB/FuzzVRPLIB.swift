import Foundation
import Routing

/// The VRPLIB dialect of the rich sets (HFVRP, MDVRPTW, MTVRPTWR) in each cost convention.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVRPLIB(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? VRPLIB.parse(text)
    return 0
}
