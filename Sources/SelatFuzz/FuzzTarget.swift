import Foundation

#if SELAT_LIBFUZZER
    import CLibFuzzer
#endif

/// The parsers Selat fuzzes, each with the properties that must hold for any input.
///
/// A check returns what went wrong (nil: all held). The `fuzz-*` programs in `Fuzz/` trap on
/// a finding so libFuzzer keeps the input; the tests run the same checks over the seed corpus and
/// every crasher ever found (`Tests/SelatFuzzTests/Fixtures`), so a fixed bug stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case coordinate, time, csv, geojson

    /// Runs every property check of this target on one input.
    public func check(_ bytes: [UInt8]) -> String? {
        switch self {
        case .coordinate: CoordinateFuzz.check(bytes)
        case .time: TimeFuzz.check(bytes)
        case .csv: CSVFuzz.check(bytes)
        case .geojson: GeoJSONFuzz.check(bytes)
        }
    }

    /// The program's entry: libFuzzer's driver in a fuzzing build, else ``replay(_:)`` of the
    /// arguments.
    public func main() -> Never {
        #if SELAT_LIBFUZZER
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            let entry: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 =
                switch self {
                case .coordinate: { FuzzTarget.coordinate.fuzzOne($0, $1) }
                case .time: { FuzzTarget.time.fuzzOne($0, $1) }
                case .csv: { FuzzTarget.csv.fuzzOne($0, $1) }
                case .geojson: { FuzzTarget.geojson.fuzzOne($0, $1) }
                }
            exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
        #else
            replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    /// One libFuzzer input: a finding stops the process so libFuzzer saves the input.
    func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let finding = check(bytes) {
            FileHandle.standardError.write(Data("selat fuzz \(rawValue): \(finding)\n".utf8))
            fatalError("property failed: \(finding)")
        }
        return 0
    }

    /// Without libFuzzer: runs the check over the files (or folders of files) named, printing
    /// each finding; exits 1 if there was one. `fuzz-csv crash-123` replays a crasher.
    public func replay(_ paths: [String]) -> Never {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file or folder: \(path)\n".utf8))
                exit(2)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        if files.isEmpty {
            print(
                "usage: fuzz-\(rawValue) FILE|FOLDER… (replays inputs; build with Tools/fuzz.sh to fuzz)"
            )
            exit(2)
        }
        var failed = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                failed += 1
                print("\(file): cannot be read")
                continue
            }
            if let finding = check([UInt8](data)) {
                failed += 1
                print("\(file): \(finding)")
            }
        }
        print(
            "\(files.count) input\(files.count == 1 ? "" : "s") checked, \(failed) finding\(failed == 1 ? "" : "s")"
        )
        exit(failed == 0 ? 0 : 1)
    }
}
