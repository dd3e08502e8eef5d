/// The version of this build: shown by `xiangcun version`, on `/healthz`, in `/metrics` and in
/// the page footer.
public enum XiangcunVersion {
    /// `scripts/release` replaces this line with `git describe --tags` for the build it makes (and
    /// puts it back afterwards); any other build is a development build of the last release.
    public static let current = "0.1.0-dev"
}
