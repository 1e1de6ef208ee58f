import VintageCore

extension EventType {
    /// The type's name as constant text, bound without copying.
    var staticName: StaticString {
        switch self {
        case .series: "series"
        case .observation: "observation"
        case .release: "release"
        case .announcement: "announcement"
        case .correction: "correction"
        case .retraction: "retraction"
        }
    }
}
