import Foundation

/// Checks the time-zone name a client sends (a browser's `Intl…resolvedOptions().timeZone`).
///
/// Only IANA "Area/Location" names are stored: abbreviations such as "EST" or "MSK" and fixed
/// offsets such as "+03:00" do not follow daylight saving time or a country's rule changes, so a
/// streak measured with them would break for the learner twice a year.
public enum TimeZoneName {
    /// `name` when it is a time zone Campus can use, nil otherwise.
    ///
    /// Foundation's list of known identifiers lags the IANA database on Linux (it has
    /// "Asia/Calcutta" but not "Asia/Kolkata", which Firefox sends), so a name that Foundation can
    /// load and that has the shape of an IANA region name is accepted as well.
    public static func validate(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= 64, TimeZone(identifier: name) != nil else { return nil }
        if name == "UTC" || name == "GMT" || known.contains(name) || isRegionName(name) {
            return name
        }
        return nil
    }

    /// Read once: building the list walks the time-zone database.
    private static let known = Set(TimeZone.knownTimeZoneIdentifiers)

    /// The IANA areas that hold real places; "Etc/GMT+3" (whose sign is inverted) and legacy
    /// names like "US/Eastern" or "EST5EDT" are left out on purpose.
    private static let areas: Set<Substring> = [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific",
    ]

    private static func isRegionName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, let area = parts.first, areas.contains(area) else { return false }
        return parts.dropFirst().allSatisfy { part in
            guard let first = part.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-+".unicodeScalars.contains(scalar))
            }
        }
    }
}
