import Foundation

/// An amount in the currency's minor units (kopecks, cents), never a float.
public struct Money: Sendable, Hashable, Codable {
    public var minor: Int64
    /// ISO 4217, upper case.
    public var currency: String

    public init(minor: Int64, currency: String) {
        self.minor = minor
        self.currency = currency.uppercased()
    }

    /// ISO 4217 codes whose minor unit is not the hundredth; everything else has two decimals.
    private static let exponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]

    public static func exponent(of currency: String) -> Int { exponents[currency.uppercased()] ?? 2 }

    /// Three ASCII letters.
    public static func isCurrencyCode(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// "990.00" for 99000 kopecks: the decimal form YooKassa's amounts use.
    public var decimalString: String {
        let exponent = Self.exponent(of: currency)
        guard exponent > 0 else { return String(minor) }
        let scale = Int64(pow(10, Double(exponent)))
        let sign = minor < 0 ? "-" : ""
        let whole = abs(minor) / scale
        let fraction = String(abs(minor) % scale)
        return "\(sign)\(whole).\(String(repeating: "0", count: exponent - fraction.count))\(fraction)"
    }

    /// Parses a provider's decimal amount exactly (no floating point); nil when it has more decimals than
    /// the currency or is not a plain non-negative decimal.
    public init?(decimal text: String, currency: String) {
        let exponent = Self.exponent(of: currency)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let wholePart = parts.first, !wholePart.isEmpty, wholePart.count <= 15,
              wholePart.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= exponent, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if parts.count == 2 && fraction.isEmpty { return nil }
        fraction += String(repeating: "0", count: exponent - fraction.count)
        guard let whole = Int64(wholePart), let minor = Int64(String(whole) + fraction) else { return nil }
        self.init(minor: minor, currency: currency)
    }
}
