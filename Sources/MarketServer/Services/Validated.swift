import MarketCore

/// Runs MarketCore validation and reports a broken rule as `invalid_argument` naming the field.
func validated<T>(_ body: () throws(FieldError) -> T) throws(MarketError) -> T {
    do {
        return try body()
    } catch {
        throw MarketError(error)
    }
}
