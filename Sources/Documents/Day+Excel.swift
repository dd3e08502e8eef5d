import XiangcunKit

/// Excel's serial day numbers (1900 date system, valid from 1900-03-01) for the one calendar
/// type, `XiangcunKit.Day`.
extension Day {
    /// Days between Excel's day 0 (1899-12-30) and 1970-01-01.
    static let excelEpochOffset = 25_569

    /// The day of an Excel serial number (the fraction, a time of day, is dropped by the caller).
    public init(excelSerial: Int) { self.init(ordinal: excelSerial - Self.excelEpochOffset) }

    /// Days since 1899-12-30 (Excel's serial number).
    public var excelSerial: Int { ordinal + Self.excelEpochOffset }
}
