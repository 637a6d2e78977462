extension Sequence where Element: Hashable {
    /// The distinct elements, hashing only where an element differs from the one before it: a
    /// dataset's rows come in long runs of one authority and one month, so a million rows cost a
    /// few thousand hashes instead of a million.
    @inlinable public func distinctValues() -> Set<Element> {
        var values: Set<Element> = []
        var previous: Element?
        for element in self where element != previous {
            values.insert(element)
            previous = element
        }
        return values
    }
}
