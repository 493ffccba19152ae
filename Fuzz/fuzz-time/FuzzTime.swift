import SelatFuzz

/// `fuzz-time`: under Tools/fuzz.sh (built with -sanitize=fuzzer -DSELAT_LIBFUZZER) libFuzzer
/// fuzzes the time parser; built plainly (as `swift build` does) it replays the files it is given.
@main
enum FuzzTime {
    static func main() { FuzzTarget.time.main() }
}
