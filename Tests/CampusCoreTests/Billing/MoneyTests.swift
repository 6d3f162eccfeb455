import Foundation
import Testing
@testable import CampusCore

@Suite("Money in minor units")
struct MoneyTests {
    @Test("is written as the decimal string YooKassa expects, by the currency's exponent",
          arguments: [(99_000, "RUB", "990.00"), (5, "RUB", "0.05"), (1_999, "usd", "19.99"), (500, "JPY", "500"), (1_234, "KWD", "1.234"), (0, "EUR", "0.00")])
    func decimal(minor: Int64, currency: String, text: String) {
        #expect(Money(minor: minor, currency: currency).decimalString == text)
    }

    @Test("reads a provider's decimal exactly, without floating point",
          arguments: [("990.00", "RUB", 99_000), ("0.1", "RUB", 10), ("12", "RUB", 1_200), ("500", "JPY", 500), ("19.99", "USD", 1_999)])
    func parsed(text: String, currency: String, minor: Int64) {
        #expect(Money(decimal: text, currency: currency) == Money(minor: minor, currency: currency))
    }

    @Test("refuses what is not a plain amount of that currency", arguments: ["", "1.", ".5", "1.234", "-1.00", "1e3", "1,00", "abc", "5.5"])
    func refused(text: String) {
        let currency = text == "5.5" ? "JPY" : "RUB"
        #expect(Money(decimal: text, currency: currency) == nil)
    }

    @Test("currency codes are three letters, kept upper case")
    func codes() {
        #expect(Money.isCurrencyCode("RUB") && Money.isCurrencyCode("usd"))
        #expect(!Money.isCurrencyCode("RU") && !Money.isCurrencyCode("RUBL") && !Money.isCurrencyCode("R1B"))
        #expect(Money(minor: 1, currency: "rub").currency == "RUB")
    }
}
