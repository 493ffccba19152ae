import SelatFuzz

/// `fuzz-coordinate`: under Tools/fuzz.sh (built with -sanitize=fuzzer -DSELAT_LIBFUZZER) libFuzzer
/// fuzzes the coordinate parser; built plainly (as `swift build` does) it replays the files it is given.
@main
enum FuzzCoordinate {
    static func main() { FuzzTarget.coordinate.main() }
}
