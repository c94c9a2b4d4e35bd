public import MarketCore
public import MarketUI
public import TerminalUI

/// Registering a new item: every field checked with the server's own rules as the user types.
/// Esc on a form with something typed in asks before throwing it away.
public struct ItemFormScreen: DiscardingFormDialog {
    public var form: Form
    /// The registration in flight.
    public var request: Int?
    /// What the server said when it refused, if not about one field.
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// The items on show when a registration's answer was lost; a new one like the form is it.
    public var itemsBefore: Set<ItemID> = []
    /// "Discard the item?", over the form after Esc on a form with something typed in.
    public var discardQuestion: Dialog?
    /// The market's category names: the category may be typed as one, and the field says which
    /// category it reads.
    public private(set) var categories: CategoryNames
    /// ↓ and ↑ stepping through the category list.
    var picking = CategoryPicking()

    public init(categories: CategoryNames = .none) {
        self.categories = categories
        self.form = Form([
            FormField(id: "name", label: "Name", hint: "Up to \(FieldRules.maximumNameLength) characters, any script", maximumLength: 64),
            FormField(id: "category", label: "Category", maximumLength: 40),
            FormField(id: "keywords", label: "Keywords", hint: "Up to 5 words of 1–8 letters or digits", maximumLength: 80),
            FormField(id: "condition", label: "Condition", kind: .choice(Condition.allCases.map(\.description))),
            FormField(id: "price", label: "Price", hint: "e.g. 12.50", maximumLength: 16),
            FormField(id: "quantity", label: "Units", value: "1", hint: "How many are for sale (0: hidden until you add some)", maximumLength: 9),
        ], submitLabel: "Register")
        self.validate()
    }

    public mutating func handle(_ key: Key) -> FormDialogOutcome<ItemDraft> {
        self.askingBeforeDiscarding(key) { screen, key in
            // ↓ and ↑ on the category field step through its list of names; Esc closes it
            // before it would ask to throw the form away.
            guard !screen.isWorking, screen.picking.pick(key, in: &screen.form, field: "category", names: screen.categories, escapeCloses: true) else {
                return screen.handleForm(key)
            }
            screen.edited()
            return .none
        }
    }

    public var unsentWork: String? { self.hasTyping ? "the item you were filling in" : nil }

    /// Whether any field differs from a fresh form.
    var hasTyping: Bool {
        let fresh = ItemFormScreen().form
        return self.form.fields.indices.contains { self.form.fields[$0].input.text != fresh.fields[$0].input.text || self.form.fields[$0].choice != fresh.fields[$0].choice }
    }

    /// The names came: the category field reads them from now on.
    public mutating func name(_ categories: CategoryNames) {
        self.categories = categories
        self.validate()
    }

    public mutating func validate() {
        self.form.apply(problems: self.problems(in: self.form))
        if let index = self.form.fields.firstIndex(where: { $0.id == "category" }) {
            self.form.fields[index].hint = self.categoryHint
        }
        // The amount as read, so that 12,500 (twelve thousand five hundred, not twelve and a
        // half) is seen before it is sent.
        if let index = self.form.fields.firstIndex(where: { $0.id == "price" }) {
            self.form.fields[index].hint = (try? FieldRules.parsePrice(self.form["price"])).map { "Reads as \(Format.money($0))" } ?? "e.g. 12.50"
        }
    }

    /// Under the category field while it has no problem on show: the category the text reads
    /// as, or what to type.
    var categoryHint: String {
        switch self.categories.category(typed: self.form["category"]) {
        case nil:
            return self.categories == .none ? "A number" : "A number, or a name from the list"
        case .success(let category):
            return self.categories.name(of: category) == nil ? "Category \(category), which has no name" : self.categories.label(of: category)
        case .failure(let problem):
            return problem.message
        }
    }

    /// Each field's problem, by the marketplace's rules.
    func problems(in form: Form) -> [String: String] {
        var problems: [String: String] = [:]
        if let problem = FieldRules.itemName.problem(with: form["name"]) { problems["name"] = problem }
        switch self.categories.category(typed: form["category"]) {
        case nil: problems["category"] = "Enter a category: its number" + (self.categories.all.isEmpty ? "." : " or its name.")
        case .failure(let problem): problems["category"] = problem.message
        case .success: break
        }
        do { _ = try FieldRules.validateKeywords(FieldRules.splitKeywords(form["keywords"])) } catch { problems["keywords"] = error.message }
        do { _ = try FieldRules.parsePrice(form["price"]) } catch { problems["price"] = error.message }
        if let quantity = FieldRules.parseCount(form["quantity"]) {
            // None is a listing buyers find once units are added (a or + in the list).
            do { try FieldRules.validateQuantity(quantity, allowZero: true) } catch { problems["quantity"] = error.message }
        } else {
            problems["quantity"] = "Enter a whole number of units."
        }
        return problems
    }

    /// The item to register, normalised, or `nil` while a field is wrong.
    public var value: ItemDraft? {
        guard self.form.isValid,
            case .success(let category)? = self.categories.category(typed: self.form["category"]),
            let price = try? FieldRules.parsePrice(self.form["price"]),
            let quantity = FieldRules.parseCount(self.form["quantity"])
        else { return nil }
        let condition = Condition.allCases.first { $0.description == self.form["condition"] } ?? .new
        let draft = ItemDraft(
            name: self.form["name"], category: category, keywords: FieldRules.splitKeywords(self.form["keywords"]),
            condition: condition, price: price, quantity: quantity
        )
        return try? draft.validated()
    }

    /// The server refused: show its reason next to the field it names, or under the form.
    public mutating func failed(_ error: MarketError, sentence: String) {
        self.request = nil
        let fieldIDs = ["name": "name", "category": "category", "keywords": "keywords", "price": "price", "quantity": "quantity"]
        if let field = error.field, let id = fieldIDs[field] {
            self.form.reject(id, saying: error.message)
        } else {
            self.failed(sentence, after: error)
        }
    }

    static let boxWidth = 84
    static let labelWidth = 10
    static let inputWidth = 40
    static let working = "Registering…"

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        let notice = self.notice(working: Self.working)
        let cursor = FormBox.render(
            title: "New item",
            subtitle: [Span("Put an item on sale; buyers find it by its keywords and its name.", .normal)],
            form: self.form, labelWidth: Self.labelWidth, inputWidth: Self.inputWidth, notice: notice, action: "registers", width: Self.boxWidth,
            confirmation: self.discardQuestion, in: screen, canvas: &canvas
        )
        if cursor != nil { self.categoryList(in: screen)?.render(canvas: &canvas) }
        return cursor
    }

    /// While the category is typed in (and no question is asked), the names that fit it, inside
    /// the box: beside the field where the box is wide enough, so every field stays in sight;
    /// else under its hint, over the fields below, as wide as the box inside (no pieces of
    /// their lines show beside it).
    func categoryList(in screen: Rect) -> CategoryList? {
        guard self.discardQuestion == nil, !self.picking.isClosed, let index = self.form.fields.firstIndex(where: { $0.id == "category" }), self.form.focus == index
        else { return nil }
        let notice = self.notice(working: Self.working)
        let input = FormBox.inputOrigin(of: index, form: self.form, labelWidth: Self.labelWidth, notice: notice, width: Self.boxWidth, in: screen)
        let box = FormBox.frame(form: self.form, notice: notice, width: Self.boxWidth, in: screen)
        let field = self.form["category"]
        let typed = self.picking.listText(field: field, names: self.categories)
        // A column clear of the box's border on each side, so the two frames never touch.
        let inside = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let besideX = input.x + Self.inputWidth + 2
        let beside = Rect(x: besideX, y: inside.y, width: inside.maxX - besideX, height: inside.height)
        // Beside it when every name fits there whole.
        let whole = CategoryList.size(of: self.categories.all)
        if whole.width <= beside.width, input.y + whole.height <= beside.maxY {
            return CategoryList(self.categories, typed: typed, field: field, at: Point(x: besideX, y: input.y), within: beside)
        }
        // Under it, above the box's last line (what Enter does), which stays in sight.
        let under = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 1)
        return CategoryList(self.categories, typed: typed, field: field, at: Point(x: input.x, y: input.y + 2), within: under, fillsWidth: true)
    }

    /// A click on a button of the question over the form, or on a field: the keys that press or
    /// focus it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        // The category list over the fields takes its own clicks: a name picks it.
        if let keys = self.categoryList(in: screen)?.keys(forClickAt: point) { return keys }
        return self.keys(forClickAt: point, on: self.discardQuestion, boxWidth: Self.boxWidth, labelWidth: Self.labelWidth, working: Self.working, in: screen)
    }
}

extension ItemDraft {
    /// Whether `item` has every attribute this draft asks for (its units may since have sold).
    func describes(_ item: Item) -> Bool {
        item.name == self.name && item.id.category == self.category && item.keywords == self.keywords
            && item.condition == self.condition && item.price == self.price
    }
}
