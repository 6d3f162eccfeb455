import CampusPlatform
import Vapor

/// FluentKit also has a `Page`; Campus's keyset page is the one this module means.
package typealias Page<Item: Content> = CampusPlatform.Page<Item>
