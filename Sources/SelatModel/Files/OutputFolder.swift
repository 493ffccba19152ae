import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folders Selat writes into (briefings, evidence bundles, the demo), with the same rules as
/// ``OutputFile``: never the open database or an input, never a device or a symbolic link.
public enum OutputFolder {
    /// Makes sure `path` is a folder to write into: creates it (mode 0700 when it will hold
    /// personal data) or accepts an existing folder; the files in it are checked one by one
    /// when written.
    /// - Throws: ``OutputError`` naming the path and what it is.
    public static func prepare(_ path: String, purpose: OutputPurpose, personal: Bool)
        throws(OutputError)
    {
        if try check(path) { return }
        try create(path, purpose: purpose, personal: personal)
    }

    /// Checks, before any work, that `path` may be written into: not protected, and a folder if
    /// anything is there. Returns whether the folder exists.
    @discardableResult
    public static func check(_ path: String) throws(OutputError) -> Bool {
        try OutputError.checkNotProtected(path)
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw .refused(
                path: path,
                what: .notRegularFile(
                    kind: OutputFile.kindName(st.st_mode) ?? "a file, not a folder"))
        }
        return true
    }

    /// Creates a new folder (its parent must exist), mode 0700 when it will hold personal data.
    /// - Throws: ``OutputError/refused(path:what:)`` with `.folderExists` if anything is there.
    public static func create(_ path: String, purpose: OutputPurpose, personal: Bool)
        throws(OutputError)
    {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw .cannotWrite(
                path: path, reason: "the folder \(parent) does not exist; create it first")
        }
        let mode: mode_t = personal ? 0o700 : 0o777 & ~OutputFile.umaskValue
        guard mkdir(path, mode) == 0 else {
            if errno == EEXIST { throw .refused(path: path, what: .folderExists) }
            throw .cannotWrite(path: path, reason: OutputFile.systemError())
        }
        chmod(path, mode)
        OutputFile.markFolder(path, purpose: purpose)
    }
}
