import XiangcunCLI

@main
struct Main {
    static func main() async {
        await XiangcunCommand.main()
    }
}
