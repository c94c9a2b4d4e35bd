import MarketUI
public import TerminalUI

/// Everything a key can do in the storefront.
public enum BuyerAction: Sendable, Hashable {
    case show(BuyerView)
    case nextView
    case previousView
    case help
    case refresh
    case logout
    case quit
    case exit
    case editSearch
    case open
    case addToCart
    case lookUpSeller
    case cycleSort
    case reverseSort
    case nextPage
    case previousPage
    case removeFromCart
    case clearCart
    case saveCart
    case checkout
    case thumbsUp
    case thumbsDown
    case move(TableState.Motion)
}

extension BuyerAction {
    /// Whether the action works on the selected row (or on the rows), so it is not offered in
    /// the footer of an empty view.
    var needsRow: Bool {
        switch self {
        case .open, .addToCart, .cycleSort, .reverseSort, .removeFromCart, .clearCart, .checkout, .thumbsUp, .thumbsDown: true
        default: false
        }
    }
}

/// The storefront's key tables. They drive the handlers, the footer and the help overlay alike.
public enum BuyerKeys {
    public static let global = KeyMap<BuyerAction>("Everywhere", [
        KeyBinding(.character("/"), .editSearch, help: "Edit the search, from any view: category (number, name or blank) and keywords", hint: "Search"),
        KeyBinding([.character("?"), .function(1)], .help, help: "Show this help", hint: "Help", label: "?/F1"),
        KeyBinding(.character("1"), .show(.search), help: "Search the catalogue"),
        KeyBinding(.character("2"), .show(.cart), help: "Your cart"),
        KeyBinding(.character("3"), .show(.purchases), help: "Your purchases, with feedback"),
        KeyBinding(.tab, .nextView, help: "Next view", hint: "View"),
        KeyBinding(.backTab, .previousView, help: "Previous view"),
        KeyBinding(.character("R"), .lookUpSeller, help: "Look up a seller's rating by number", hint: "Seller"),
        KeyBinding([.character("r"), .function(5), .control("r")], .refresh, help: "Refresh from the server", hint: "Refresh", label: "r/F5"),
        KeyBinding(.character("L"), .logout, help: "Log out (the active cart is dropped unless saved)"),
        KeyBinding(.character("q"), .quit, help: "Quit (asks first)", hint: "Quit"),
        KeyBinding(.control("c"), .exit, help: "Exit at once, from anywhere"),
    ])

    public static let search = KeyMap<BuyerAction>("Search", [
        KeyBinding(.enter, .open, help: "Details of the selected item, with its seller's rating", hint: "Open"),
        KeyBinding(.character("a"), .addToCart, help: "Add the selected item to the cart", hint: "Add"),
        KeyBinding(.character("s"), .cycleSort, help: "Sort all results by the next column (or click a title; Rank: as ranked)", hint: "Sort"),
        KeyBinding(.character("S"), .reverseSort, help: "Reverse the sort order"),
        KeyBinding(.character("]"), .nextPage, help: "Next screenful of results, fetched from the first not yet seen", hint: "Next", label: "]"),
        KeyBinding(.character("["), .previousPage, help: "Previous screenful of results", hint: "Prev", label: "["),
    ])

    public static let cart = KeyMap<BuyerAction>("Cart", [
        KeyBinding(.character("c"), .checkout, help: "Check out: pay for the whole cart", hint: "Check out"),
        KeyBinding([.character("x"), .delete], .removeFromCart, help: "Remove units of the selected line", hint: "Remove", label: "x/Del"),
        KeyBinding(.character("X"), .clearCart, help: "Empty the cart (asks first)", hint: "Empty"),
        KeyBinding(.character("w"), .saveCart, help: "Save the cart so it is here at your next login", hint: "Save"),
        KeyBinding(.enter, .open, help: "Details of the selected item", hint: "Open"),
        KeyBinding(.character("s"), .cycleSort, help: "Sort by the next column (click a title to sort by it)", hint: "Sort"),
        KeyBinding(.character("S"), .reverseSort, help: "Reverse the sort order"),
    ])

    public static let purchases = KeyMap<BuyerAction>("Purchases", [
        KeyBinding([.character("+"), .character("u")], .thumbsUp, help: "Thumbs up for the selected item (one vote per item)", hint: "👍", label: "+"),
        KeyBinding([.character("-"), .character("d")], .thumbsDown, help: "Thumbs down for the selected item", hint: "👎", label: "-"),
        KeyBinding(.enter, .open, help: "Details of the selected item", hint: "Open"),
        KeyBinding(.character("s"), .cycleSort, help: "Sort this page by the next column (or click a title)", hint: "Sort"),
        KeyBinding(.character("S"), .reverseSort, help: "Reverse the sort order"),
        KeyBinding(.character("]"), .nextPage, help: "Older purchases", hint: "Older", label: "]"),
        KeyBinding(.character("["), .previousPage, help: "Newer purchases", hint: "Newer", label: "["),
    ])

    public static let navigation = TableState.keys.map { BuyerAction.move($0) }

    /// What the search bar's own keys do; the rest are the bar's form and text keys.
    public enum SearchBarAction: Sendable, Hashable {
        /// Handled by the bar's form; listed for the help.
        case search, switchField
        case leave, help
    }

    /// The keys the search bar takes before its form does (Esc leaves the bar rather than
    /// cancelling a form; ↓ leaves it only when there are results to go down to), and the form's
    /// own keys as they read in the bar.
    public static let searchBar = KeyMap<SearchBarAction>("Search bar (after /)", [
        KeyBinding(.enter, .search, help: "Search for what the bar holds"),
        KeyBinding([.tab, .backTab], .switchField, help: "Between the category and the keywords", label: "Tab"),
        KeyBinding([.escape, .down], .leave, help: "Leave the bar, unsent: ↓ to the results, Esc to the view / was pressed in", label: "Esc/↓"),
        KeyBinding(.function(1), .help, help: "Show this help"),
    ])

    /// The footer while the search bar is being edited: the bar's form keys and ``searchBar``,
    /// written short.
    /// - Parameters:
    ///   - view: the view `/` was pressed in, which Esc goes back to (nil: the results).
    ///   - listOpen: the category list is open under the bar, so ↓ and ↑ pick from it.
    public static func searchBarHints(returningTo view: BuyerView?, listOpen: Bool = false) -> [KeyHint] {
        let escape = view.map { KeyHint(key: "Esc", label: "Back to " + $0.title.lowercased()) } ?? KeyHint(key: "Esc", label: "Results")
        let leave =
            listOpen
            ? [KeyHint(key: "↓↑", label: "Pick category"), escape]
            : view == nil ? [KeyHint(key: "Esc/↓", label: "Results")] : [KeyHint(key: "↓", label: "Results"), escape]
        return [KeyHint(key: "Enter", label: "Search"), KeyHint(key: "Tab", label: "Category/keywords")] + leave
            + [KeyHint(key: "F1", label: "Help"), KeyHint(key: "^C", label: "Exit")]
    }

    static func table(for view: BuyerView) -> KeyMap<BuyerAction> {
        switch view {
        case .search: self.search
        case .cart: self.cart
        case .purchases: self.purchases
        }
    }

    /// The help overlay in `view`: every key of the storefront, from the tables that handle them,
    /// the view's own first; then the search bar's, the boxes' and the mouse.
    public static func help(for view: BuyerView) -> [HelpSection] {
        let views = [view] + BuyerView.allCases.filter { $0 != view }
        return views.map { self.table(for: $0).helpSection }
            + [self.navigation.helpSection, self.global.helpSection, self.searchBar.helpSection]
            + [Form.keys.helpSection, TextField.keys.helpSection, BuyerItemDetail.actions.helpSection("Item details (Enter on a row)")]
            + ClientHelp.sections(mouse: [HelpSection.Entry(keys: "Click bar", help: "Edit the search")])
    }

    /// The footer: the view's keys, without those that act on a row while the view has none, the
    /// next page's on the last page, the previous page's on the first, or the votes on a purchase
    /// already rated.
    public static func hints(for view: BuyerView, hasRows: Bool = true, hasNextPage: Bool = true, hasPreviousPage: Bool = false, canVote: Bool = true) -> [KeyHint] {
        let own = self.table(for: view).hints { action in
            (hasRows || !action.needsRow) && (hasNextPage || action != .nextPage) && (hasPreviousPage || action != .previousPage)
                && (canVote || (action != .thumbsUp && action != .thumbsDown))
        }
        // `/` works everywhere, and comes first where searching is what the view is for.
        let search = self.global.hints(where: { $0 == .editSearch })
        let others = self.global.hints(where: { $0 != .editSearch })
        return view == .search ? search + own + others : own + search + others
    }

    /// The other view whose own keys include `key`, for a key that does nothing in `view`.
    public static func views(binding key: Key, otherThan view: BuyerView) -> [(title: String, number: Int)] {
        BuyerView.allCases.filter { $0 != view && self.table(for: $0).binds(key) }.map { ($0.title, $0.rawValue + 1) }
    }

    public static func action(for key: Key, in view: BuyerView) -> BuyerAction? {
        self.table(for: view).action(for: key) ?? self.navigation.action(for: key) ?? self.global.action(for: key)
    }
}
