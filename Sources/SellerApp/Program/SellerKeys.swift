import MarketUI
public import TerminalUI

/// Everything a key can do in the seller dashboard.
public enum SellerAction: Sendable, Hashable {
    case show(SellerView)
    case nextView
    case previousView
    case help
    case refresh
    case logout
    case quit
    case exit
    case newItem
    case changePrice
    case removeUnits
    case addUnits
    case open
    case cycleSort
    case reverseSort
    case nextPage
    case previousPage
    /// `/`: type what to find among the items.
    case find
    /// Esc after a find: every item again.
    case showAll
    case move(TableState.Motion)
}

extension SellerAction {
    /// Whether the action works on the selected item (or on the items), so it is not offered in
    /// the footer of an empty list.
    var needsRow: Bool {
        switch self {
        case .changePrice, .removeUnits, .addUnits, .open, .cycleSort, .reverseSort: true
        default: false
        }
    }
}

/// The dashboard's key tables. They drive the handlers, the footer and the help overlay alike.
public enum SellerKeys {
    public static let global = KeyMap<SellerAction>("Everywhere", [
        KeyBinding([.character("?"), .function(1)], .help, help: "Show this help", hint: "Help", label: "?/F1"),
        KeyBinding(.character("1"), .show(.items), help: "My items"),
        KeyBinding(.character("2"), .show(.rating), help: "Rating: feedback and units sold"),
        KeyBinding(.tab, .nextView, help: "Next view", hint: "View"),
        KeyBinding(.backTab, .previousView, help: "Previous view"),
        KeyBinding([.character("r"), .function(5), .control("r")], .refresh, help: "Refresh from the server", hint: "Refresh", label: "r/F5"),
        KeyBinding(.character("L"), .logout, help: "Log out"),
        KeyBinding(.character("q"), .quit, help: "Quit (asks first)", hint: "Quit"),
        KeyBinding(.control("c"), .exit, help: "Exit at once, from anywhere"),
    ])

    public static let items = KeyMap<SellerAction>("My items", [
        KeyBinding(.character("n"), .newItem, help: "Register a new item for sale", hint: "New"),
        KeyBinding(.character("p"), .changePrice, help: "Change the selected item's price", hint: "Price"),
        KeyBinding([.character("x"), .delete], .removeUnits, help: "Take units of the selected item off sale (asks first)", hint: "Remove", label: "x/Del"),
        KeyBinding([.character("a"), .character("+")], .addUnits, help: "Put more units of the selected item on sale (restock it)", hint: "Add", label: "a/+"),
        KeyBinding(.enter, .open, help: "Details and actions for the selected item", hint: "Open"),
        KeyBinding(.character("/"), .find, help: "Find items by words or parts of words of their names and keywords", hint: "Find"),
        KeyBinding(.escape, .showAll, help: "Show every item again, after a find", hint: "All"),
        KeyBinding(.character("s"), .cycleSort, help: "Sort by the next column (click a title to sort by it)", hint: "Sort"),
        KeyBinding(.character("S"), .reverseSort, help: "Reverse the sort order"),
        KeyBinding(.character("]"), .nextPage, help: "Next screenful of items, fetched from the first not yet seen", hint: "Next"),
        KeyBinding(.character("["), .previousPage, help: "Previous screenful of items", hint: "Prev"),
    ])

    /// The rating view's own: registering needs no selected item, so it works here too.
    public static let rating = KeyMap<SellerAction>("Rating", [
        KeyBinding(.character("n"), .newItem, help: "Register a new item for sale", hint: "New"),
    ])

    public static let navigation = TableState.keys.map { SellerAction.move($0) }

    /// The help overlay in `view`: every key of the dashboard, from the tables that handle them,
    /// the view's own first; then the boxes' and the mouse.
    public static func help(for view: SellerView) -> [HelpSection] {
        let views: [HelpSection] =
            switch view {
            case .items: [self.items.helpSection, self.navigation.helpSection, self.global.helpSection]
            case .rating: [self.rating.helpSection, self.global.helpSection, self.items.helpSection, self.itemsOnly(self.navigation).helpSection]
            }
        return views + [
            ItemDetailScreen.actions.helpSection("Item details (Enter on an item)"),
            Form.keys.helpSection, Form.choiceKeys.helpSection, TextField.keys.helpSection,
        ] + ClientHelp.sections(categoryListClosesOnEscape: true)
    }

    /// `map` retitled to say it works in the items view only (the rating view has no table).
    private static func itemsOnly(_ map: KeyMap<SellerAction>) -> KeyMap<SellerAction> {
        KeyMap(map.title + " (in My items)", map.bindings)
    }

    /// The footer: the view's keys, without the next page's on the last page or the previous
    /// page's on the first, Esc only after a find, Remove only for an item with units on sale and
    /// Add only for one with room for more.
    public static func hints(
        for view: SellerView, hasRows: Bool = true, hasNextPage: Bool = true, hasPreviousPage: Bool = false, isFinding: Bool = false, hasUnitsOnSale: Bool = true,
        hasRoomForMore: Bool = true
    ) -> [KeyHint] {
        switch view {
        case .items:
            self.items.hints {
                (hasRows || !$0.needsRow) && (hasNextPage || $0 != .nextPage) && (hasPreviousPage || $0 != .previousPage) && (isFinding || $0 != .showAll)
                    && (hasUnitsOnSale || $0 != .removeUnits) && (hasRoomForMore || $0 != .addUnits)
            } + self.global.hints
        case .rating: self.rating.hints + self.global.hints
        }
    }

    /// The other view whose own keys include `key`, for a key that does nothing in `view`.
    public static func view(binding key: Key, otherThan view: SellerView) -> SellerView? {
        view != .items && self.items.binds(key) && !self.rating.binds(key) ? .items : nil
    }

    /// The action for `key` in `view`: the view's own table first, then moving, then global.
    public static func action(for key: Key, in view: SellerView) -> SellerAction? {
        switch view {
        case .items: self.items.action(for: key) ?? self.navigation.action(for: key) ?? self.global.action(for: key)
        case .rating: self.rating.action(for: key) ?? self.global.action(for: key)
        }
    }
}
