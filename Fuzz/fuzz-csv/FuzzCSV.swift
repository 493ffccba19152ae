import SelatFuzz

/// `fuzz-csv`: under Tools/fuzz.sh (built with -sanitize=fuzzer -DSELAT_LIBFUZZER) libFuzzer
/// fuzzes the csv parser; built plainly (as `swift build` does) it replays the files it is given.
@main
enum FuzzCSV {
    static func main() { FuzzTarget.csv.main() }
}
