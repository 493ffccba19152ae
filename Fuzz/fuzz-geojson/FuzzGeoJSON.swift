import SelatFuzz

/// `fuzz-geojson`: under Tools/fuzz.sh (built with -sanitize=fuzzer -DSELAT_LIBFUZZER) libFuzzer
/// fuzzes the geojson parser; built plainly (as `swift build` does) it replays the files it is given.
@main
enum FuzzGeoJSON {
    static func main() { FuzzTarget.geojson.main() }
}
