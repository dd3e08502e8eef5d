/// The figure cards at the top of dashboards: one helper for every page.
enum Cards {
    /// A figure with its label (and an optional line below); a link when `link` is given;
    /// `warn` marks a figure that needs attention (overdue tasks).
    static func figure(_ value: String, label: String, sub: String? = nil, link: String? = nil, warn: Bool = false) -> Node {
        let className = warn ? "card warn" : "card"
        var parts = [el("div", ["class": "num"]) { value }, el("div", ["class": "label"]) { label }]
        if let sub { parts.append(el("div", ["class": "muted"]) { sub }) }
        guard let link else { return el("div", ["class": className]) { parts } }
        return el("a", ["class": className, "href": link]) { parts }
    }
}
