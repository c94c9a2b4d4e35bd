import MarketCore
import MarketUI

// How the storefront searches: running a search, and what is said when one comes back finding
// nothing or not every word (another number of the word tried at once, whole words explained).

extension BuyerProgram {
    /// A page of results came: shown, and, for a search the user just ran, what it found said
    /// where that is not plain from the rows.
    func searched(request: Int, query: SearchQuery, page: Page<SearchHit>, _ state: inout BuyerState) -> [BuyerCommand] {
        state.shell.finish(request)
        guard state.search.loadRequest == request else { return [] }
        // Nothing past the page on show, which was full and so looked like it had more: it was
        // the last, and stays on screen, now known to end the results.
        if state.search.endedBefore(page, query: query) {
            state.shell.noteEdge("That was the last page of results.")
            return []
        }
        state.search.loaded(page, query: query, visibleRows: Self.visibleRows(state, view: .search))
        // The other number of a word that found nothing, searched in its place: what it found.
        let names = state.search.categories
        if let instead = state.search.otherNumber, instead.retry == query {
            state.search.otherNumber = nil
            // Neither found anything: the bar and the line under it keep the words as typed.
            if page.items.isEmpty { state.search.query = instead.typed }
            // The category, if any, said once: “pans” in Garden (the word the user typed; the
            // other number only when it found something, since an invented plural looks silly).
            let words = { (query: SearchQuery) in SearchQuery(category: .any, keywords: query.keywords).summary(naming: names) }
            let place = query.category == .any ? "" : " in " + SearchQuery(category: query.category, keywords: []).summary(naming: names)
            state.shell.status = .info(
                page.items.isEmpty
                    ? "Nothing on sale matches \(words(instead.typed))\(place), singular or plural"
                        + (place.isEmpty ? " — only whole words match: try other words." : ": try any category, or other words.")
                    : "Nothing on sale matches \(words(instead.typed))\(place): showing \(words(query)) instead."
            )
            return []
        }
        // Said for a search the user just ran (which cleared the status line), never over
        // what a background rerun finds the line saying (a payment's receipt), nor over
        // another view refreshed with r.
        if page.items.isEmpty, page.offset == 0, state.shell.status == nil, state.view == .search {
            if case .only = query.category, query.keywords.isEmpty {
                state.shell.status = .info("Nothing on sale in \(query.summary(naming: names)).")
            } else if let retry = Self.otherNumberSearch(for: query) {
                // Only whole words match, so "sock" misses "Wool Socks": one word is searched
                // again at once in its other number, as a shop's search box would.
                state.search.otherNumber = (typed: query, retry: retry)
                return self.keysWait(for: self.runSearch(retry, offset: 0, &state), &state)
            } else {
                // Words match whole words of names and keywords: "mugs" does not find "mug". In
                // one category, that may be what finds nothing.
                let hint =
                    if query.keywords.isEmpty { "" } else if case .only = query.category { " Try any category, or other words." } else {
                        Self.wholeWordsHint(for: query.keywords)
                    }
                state.shell.status = .info("Nothing on sale matches \(query.summary(naming: names)).\(hint)")
            }
        }
        // Several words, and the best match (first in the ranking) lacks some: none has them
        // all, which the Match column alone says only on wide terminals.
        if let best = page.items.first, page.offset == 0, state.search.pageOrder == nil, query.keywords.count > 1,
            best.matchedKeywords < query.keywords.count, state.shell.status == nil, state.view == .search
        {
            // The words no result has are the ones to change: in their other number, if any.
            let terms = Set(page.items.flatMap { Text.itemTerms(name: $0.item.name, keywords: $0.item.keywords) })
            let missing = query.keywords.filter { !terms.contains(Text.searchTerm($0)) }
            state.shell.status = .info("No item has every word of \(query.summary(naming: names)); these have some.\(Self.missingWordsHint(for: query.keywords, missing: missing))")
        }
        return []
    }

    func rerunSearch(_ state: inout BuyerState) -> [BuyerCommand] {
        if let unanswered = state.search.unanswered { return self.runSearch(unanswered, offset: 0, &state) }
        guard let query = state.search.query else { return [] }
        return self.runSearch(query, offset: state.search.page?.offset ?? 0, &state)
    }

    /// Fetches a page of `query`'s results: in the order the table shows for the search on
    /// show, in the ranking for a new one (which comes unsorted).
    func runSearch(_ query: SearchQuery, offset: Int, _ state: inout BuyerState) -> [BuyerCommand] {
        let request = state.shell.begin("Searching…")
        state.search.loadRequest = request
        state.search.pendingQuery = query
        state.search.loadOrder = query == state.search.query ? state.search.order : nil
        return [.search(request: request, query: query, offset: offset, order: state.search.loadOrder)]
    }

    /// A search of one word that found nothing, made again with the word in its other number
    /// (`nil` when there is no such search to make).
    static func otherNumberSearch(for query: SearchQuery) -> SearchQuery? {
        guard query.keywords.count == 1, let other = Self.otherNumber(of: query.keywords[0]) else { return nil }
        return SearchQuery(category: query.category, keywords: [other])
    }

    /// After a search for `keywords` found nothing: only whole words match, so an English word
    /// is offered in its other number ("lamps" → "lamp", "sock" → "socks"), and otherwise an
    /// example says what matches.
    public static func wholeWordsHint(for keywords: [String]) -> String {
        // Plurals made singular first ("blue mugs" → "blue mug"), else a word made plural.
        let singular = keywords.map { word in Self.otherNumber(of: word).flatMap { $0.count < word.count ? $0 : nil } ?? word.lowercased() }
        if singular != keywords.map({ $0.lowercased() }) { return " Only whole words match: try “\(singular.joined(separator: " "))”." }
        // Else the first word that has another number, in it, the other words kept.
        if let index = keywords.firstIndex(where: { Self.otherNumber(of: $0) != nil }), let other = Self.otherNumber(of: keywords[index]) {
            var words = keywords.map { $0.lowercased() }
            words[index] = other
            return " Only whole words match: try “\(words.joined(separator: " "))”."
        }
        return " Only whole words match, not parts of them: try other or fewer words."
    }

    /// After a search whose results each have only some of `keywords`: the `missing` ones, which
    /// no result has, named, and a plural among them offered in the singular, the likely slip
    /// ("lamps brass": None has “lamps”; only whole words match: try “lamp brass”). A word whose
    /// other number is a plural is only named: "zzz" would not be found as "zzzes" either.
    public static func missingWordsHint(for keywords: [String], missing: [String]) -> String {
        guard !missing.isEmpty else { return "" }
        let named = " None has " + missing.map { "“\($0)”" }.joined(separator: " or ")
        let singular = keywords.map { word in
            missing.contains(word) ? Self.otherNumber(of: word).flatMap { $0.count < word.count ? $0 : nil } ?? word : word
        }
        return singular == keywords ? named + "." : named + "; only whole words match: try “\(singular.joined(separator: " "))”."
    }

    /// The singular of an English plural or the plural of a singular, by the common rules: a
    /// guess worth trying, not a dictionary (`nil` for words it cannot guess at: short, or not
    /// plain a–z).
    static func otherNumber(of word: String) -> String? {
        let word = word.lowercased()
        guard word.count > 2, word.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        let sibilant = ["s", "x", "z", "ch", "sh"]
        // Plural → singular: batteries → battery, boxes → box, glasses → glass, lamps → lamp.
        if word.hasSuffix("ies"), word.count > 4 { return word.dropLast(3) + "y" }
        if word.hasSuffix("es"), sibilant.contains(where: { word.dropLast(2).hasSuffix($0) }) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !["ss", "us", "is", "as", "os"].contains(where: word.hasSuffix) { return String(word.dropLast()) }
        // Singular → plural: battery → batteries, box → boxes, sock → socks.
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) { return word.dropLast() + "ies" }
        if sibilant.contains(where: word.hasSuffix) { return word + "es" }
        return word + "s"
    }
}
