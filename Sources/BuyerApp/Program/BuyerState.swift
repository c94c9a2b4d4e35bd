public import Foundation
public import MarketCore
public import MarketUI
public import TerminalUI

/// Everything the storefront shows.
public struct BuyerState: ClientState {
    public var shell: Shell
    public var login: LoginScreen
    public var profile: BuyerProfile?
    public var view: BuyerView = .search
    public var search = SearchScreen()
    public var cart = CartScreen()
    public var purchases = PurchasesScreen()
    /// A box over the view: a form, a confirmation or an item's details.
    public var modal: BuyerModal?
    /// The month now, for card expiry checks.
    public var currentMonth: YearMonth
    /// Dates are shown in this zone.
    public var timeZone: TimeZone

    /// - Parameter username: filled in on the login screen, which then starts at the password.
    public init(server: String, currentMonth: YearMonth, timeZone: TimeZone = .current, username: String = "") {
        self.shell = Shell(title: "Storefront", server: server)
        self.login = LoginScreen(role: .buyer, username: username)
        self.currentMonth = currentMonth
        self.timeZone = timeZone
    }

    public mutating func resetViews() {
        self.view = .search
        self.search = SearchScreen(categories: self.shell.categories)
        self.cart = CartScreen()
        self.purchases = PurchasesScreen()
        self.modal = nil
    }

    public mutating func categoriesChanged() {
        self.search.name(self.shell.categories)
    }
}

/// The boxes that can cover the storefront, one at a time.
public enum BuyerModal: Sendable {
    case detail(BuyerItemDetail)
    case quantity(QuantityDialog)
    case checkout(CheckoutScreen)
    case seller(SellerLookupScreen)
    case confirm(Dialog, Confirmed)

    /// Whether keys typed into the box can be text (a quantity, a card, a seller's number): ?
    /// is then typed, not a call for help. A question over a form (pay? discard?) takes none.
    public var takesText: Bool {
        switch self {
        case .detail, .confirm: false
        case .quantity(let dialog): dialog.confirmation == nil
        case .checkout(let screen): screen.shownQuestion == nil
        case .seller: true
        }
    }

    /// What a confirmation dialog confirms.
    public enum Confirmed: Sendable, Hashable {
        case clearCart
        case vote(item: ItemID, vote: Vote)
        case logout
    }

    /// Forgets what went wrong in the box (the server was out of reach), once it can try again;
    /// keeps a warning that the last request may have gone through.
    public mutating func forgetUnreachable() {
        switch self {
        case .quantity(var dialog):
            dialog.forgetUnreachable()
            self = .quantity(dialog)
        case .checkout(var checkout):
            checkout.forgetUnreachable()
            self = .checkout(checkout)
        case .seller(var lookup):
            lookup.forgetUnreachable()
            self = .seller(lookup)
        case .detail, .confirm:
            break
        }
    }
}
