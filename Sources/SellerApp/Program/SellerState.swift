public import MarketCore
public import MarketUI
public import TerminalUI

/// Everything the seller dashboard shows.
public struct SellerState: ClientState {
    public var shell: Shell
    public var login: LoginScreen
    public var profile: SellerProfile?
    public var view: SellerView = .items
    public var items = ItemsScreen()
    public var rating = RatingScreen()
    /// A box over the view: a form, a dialog or an item's details.
    public var modal: SellerModal?
    /// A new item's form, filled in and not sent when the session ended, and whose it was: it
    /// comes back when that seller logs in again.
    public var unsentItem: (owner: String, form: ItemFormScreen)?
    /// The wait for news of sales and votes, while one is out (see `watchActivity`).
    public var activityRequest: Int?
    /// How many of the user's own changes (registrations, prices, removals) have been answered.
    /// The wait notes the count when it is sent: the page that comes with its answer may have
    /// been read before a change answered since, so it is then fetched again rather than shown.
    public var changesAnswered = 0
    public var changesAnsweredBeforeWait = 0
    /// The sum of news the status line last said: news that comes while it is still on show
    /// adds to it.
    public var news: NewsTally?
    /// Changes of the items made in another session, told while the sentence is on show.
    public var elsewhere: ElsewhereTally?

    /// - Parameter username: filled in on the login screen, which then starts at the password.
    public init(server: String, username: String = "") {
        self.shell = Shell(title: "Seller dashboard", server: server)
        self.login = LoginScreen(role: .seller, username: username)
    }

    public mutating func resetViews() {
        self.view = .items
        self.items = ItemsScreen(categories: self.shell.categories)
        self.rating = RatingScreen()
        self.modal = nil
        self.activityRequest = nil
        self.news = nil
        self.elsewhere = nil
    }

    public mutating func categoriesChanged() {
        self.items.categories = self.shell.categories
        if case .register(var form) = self.modal {
            form.name(self.shell.categories)
            self.modal = .register(form)
        }
    }
}

/// Sales and votes heard of since the status line began to say so: when the first came, how
/// many units and votes, and which items they were about, where the page on show told.
public struct NewsTally: Sendable, Hashable {
    public var since: String
    public var sold = 0
    public var up = 0
    public var down = 0
    /// The items the news was about, by name, as far as the page on show told.
    public var items: [ItemID: String] = [:]
    /// News came that the page on show did not account for (an item on another page).
    public var someUnnamed = false
    /// How many times news came.
    public var times = 0

    public init(since: String) {
        self.since = since
    }

    /// What the status line says of it: with a tick unless it is only thumbs down.
    public var status: StatusMessage { self.sold == 0 && self.up == 0 && self.down > 0 ? .info(self.sentence) : .success(self.sentence) }

    /// "At 10:43: 2 units of “Tomato seeds” sold, 1 👍.", "Since 10:29: 3 units sold, 1 👍."
    public var sentence: String {
        let name = self.items.count == 1 && !self.someUnnamed ? self.items.values.first.map(Format.quoted) : nil
        let sold = self.sold > 0 ? "\(Format.units(self.sold))\(name.map { " of \($0)" } ?? "") sold" : nil
        let votes = [
            self.up > 0 ? "\(Format.count(self.up)) 👍" : nil,
            self.down > 0 ? "\(Format.count(self.down)) 👎" : nil,
        ].compactMap { $0 }
        let named = sold == nil ? name.map { " for \($0)" } ?? "" : ""
        let parts = [sold, votes.isEmpty ? nil : votes.joined(separator: ", ") + named].compactMap { $0 }
        return (self.times > 1 ? "Since " : "At ") + self.since + ": " + parts.joined(separator: ", ") + "."
    }
}

/// What another session of the seller changed (prices, units) or registered, as the pages that
/// came told it; more that comes while the sentence is on show adds to it, so a burst of changes
/// is told whole rather than only its first.
public struct ElsewhereTally: Sendable, Hashable {
    /// Items changed, as last seen, and items registered (also if changed since).
    public var changed: [ItemID: Item] = [:]
    public var registered: [ItemID: Item] = [:]

    public init(changed: [Item] = [], registered: [Item] = []) {
        for item in changed { self.changed[item.id] = item }
        for item in registered { self.registered[item.id] = item }
    }

    /// This and then `later`.
    public func adding(_ later: ElsewhereTally) -> ElsewhereTally {
        var all = self
        for (id, item) in later.registered {
            all.registered[id] = item
            all.changed[id] = nil
        }
        for (id, item) in later.changed {
            if all.registered[id] != nil { all.registered[id] = item } else { all.changed[id] = item }
        }
        return all
    }

    public var status: StatusMessage { .info(self.sentence) }

    /// "“Lamp” was changed in another session: 12.00, 3 on sale.", "3 items were registered in
    /// another session.", "2 items were changed and 1 registered in another session."
    public var sentence: String {
        switch (self.changed.count, self.registered.count) {
        case (1, 0):
            let item = self.changed.values.first!
            return "\(Format.quoted(item.name)) was changed in another session: \(Format.money(item.price)), \(item.quantity == 0 ? "none" : Format.count(item.quantity)) on sale."
        case (0, 1):
            return "\(Format.quoted(self.registered.values.first!.name)) was registered in another session."
        case (let changed, 0):
            return "\(Format.count(changed)) items were changed in another session."
        case (0, let registered):
            return "\(Format.count(registered)) items were registered in another session."
        case (let changed, let registered):
            return "\(Format.count(changed)) item\(changed == 1 ? " was" : "s were") changed and \(Format.count(registered)) registered in another session."
        }
    }
}

/// The boxes that can cover the dashboard, one at a time.
public enum SellerModal: Sendable {
    case detail(ItemDetailScreen)
    case register(ItemFormScreen)
    case price(PriceDialog)
    case remove(RemoveUnitsDialog)
    case add(AddUnitsDialog)

    /// Whether keys typed into the box can be text (a name, a price, units): ? is then typed,
    /// not a call for help. A question over a form (remove? discard?) takes none.
    public var takesText: Bool {
        switch self {
        case .detail: false
        case .register(let form): form.shownQuestion == nil
        case .remove(let dialog): dialog.confirmation == nil
        case .price, .add: true
        }
    }

    /// A click at `point` on the box: the keys that press, pick or focus what is under it (see
    /// each box's own), nil when it is on nothing. The price and add boxes have one field and no question.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        switch self {
        case .detail(let detail): detail.keys(forClickAt: point, in: screen)
        case .register(let form): form.keys(forClickAt: point, in: screen)
        case .remove(let dialog): dialog.keys(forClickAt: point, in: screen)
        case .price, .add: nil
        }
    }

    /// Forgets what went wrong in the box (the server was out of reach), once it can try again;
    /// keeps a warning that the last request may have gone through.
    public mutating func forgetUnreachable() {
        switch self {
        case .register(var form):
            form.forgetUnreachable()
            self = .register(form)
        case .price(var dialog):
            dialog.forgetUnreachable()
            self = .price(dialog)
        case .remove(var dialog):
            dialog.forgetUnreachable()
            self = .remove(dialog)
        case .add(var dialog):
            dialog.forgetUnreachable()
            self = .add(dialog)
        case .detail:
            break
        }
    }
}
