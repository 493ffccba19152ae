import CSelatSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// The one way Selat writes a file: exports, rejects, maps, reports, briefings, routes, demo
/// files, evidence bundles and backups all go through it.
///
/// - It refuses, naming the path and what it is: the open database and SQLite's files beside it,
///   any file the same command reads (``ProtectedFiles``), anything that is not a regular file
///   (device, FIFO, socket, folder, symbolic link) and any SQLite database.
/// - An existing file is replaced only when Selat wrote it for the same purpose and it has not
///   changed since (Selat marks what it writes with an extended attribute holding the purpose,
///   size and modification time), or when the caller says so (`force`, the `--force` option).
///   On a file system without extended attributes (a FAT memory stick) every existing file
///   needs `force`.
/// - Writing is atomic: a temporary file in the same folder, flushed to disk, then renamed into
///   place (a new file is linked in, so a file that appeared meanwhile is never replaced). A
///   reader sees the old file or the whole new one; a failure leaves the old one untouched.
/// - Files that may hold personal data are created mode 0600 whatever the umask; others get
///   0666 less the umask, like any new file.
public final class OutputFile {
    /// The destination.
    public let path: String
    public let purpose: OutputPurpose
    public let personal: Bool
    private let replacing: Bool
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    /// The extended attribute that marks a file Selat wrote.
    static let markAttribute = "user.selat.output"

    /// Checks the destination and starts a temporary file beside it.
    /// - Parameters:
    ///   - personal: The file may hold personal data (names, free text): mode 0600.
    ///   - force: Replace an existing regular file even if Selat did not write it for this purpose.
    /// - Throws: ``OutputError`` naming the path and why.
    public init(path: String, purpose: OutputPurpose, personal: Bool = false, force: Bool = false)
        throws(OutputError)
    {
        self.path = path
        self.purpose = purpose
        self.personal = personal
        replacing = try Self.check(path, purpose: purpose, force: force)
        let url = URL(fileURLWithPath: path)
        // The temporary file keeps the destination's extension (a browser picks the image type by it).
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        var template = Array(
            url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).selat-XXXXXX\(suffix)"
            ).path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer {
            mkstemps($0.baseAddress!, Int32(suffix.utf8.count))
        }
        guard fd >= 0 else {
            throw .cannotWrite(
                path: path,
                reason:
                    "cannot create a file in its folder (\(Self.systemError())); check the folder exists and is writable"
            )
        }
        descriptor = fd
        let name = template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        temporary = String(decoding: name, as: UTF8.self)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { discard() }

    /// Appends bytes (buffered).
    public func write<S: Sequence>(_ bytes: S) throws(OutputError) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) throws(OutputError) { try write(text.utf8) }

    private func flush() throws(OutputError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = Self.systemError()
                discard()
                throw .cannotWrite(
                    path: path,
                    reason: "\(reason); is the disk full? Nothing was changed at \(path)")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Abandons the file: the temporary file is removed and the destination left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporary)
    }

    /// The temporary file, for producers that write by path (SQLite's backup, a browser's
    /// screenshot): write it there, then ``commit()``.
    public var temporaryPath: String { temporary }

    /// Flushes the file to disk, marks it as Selat's and moves it into place.
    public func commit() throws(OutputError) {
        guard !finished else {
            throw .cannotWrite(path: path, reason: "the file was already finished or abandoned")
        }
        try flush()
        finished = true
        close(descriptor)
        // Opened again by path: a producer may have written the file through its own descriptor.
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        let mode: mode_t = personal ? 0o600 : 0o666 & ~Self.umaskValue
        guard fd >= 0, fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            let reason = Self.systemError()
            if fd >= 0 { close(fd) }
            unlink(temporary)
            throw .cannotWrite(path: path, reason: "\(reason); nothing was changed at \(path)")
        }
        Self.mark(descriptor: fd, purpose: purpose)
        close(fd)
        if replacing {
            // Checked again just before: the destination must still be replaceable.
            if rename(temporary, path) != 0 {
                let reason = Self.systemError()
                unlink(temporary)
                throw .cannotWrite(path: path, reason: reason)
            }
        } else if link(temporary, path) == 0 {
            unlink(temporary)
        } else if errno == EEXIST {
            unlink(temporary)
            throw .refused(path: path, what: .exists(writtenFor: nil, changedSince: false))
        } else if errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EXDEV
            || errno == EMLINK
        {
            // A file system without hard links: rename, after checking once more nothing appeared.
            var st = stat()
            if lstat(path, &st) == 0 {
                unlink(temporary)
                throw .refused(path: path, what: .exists(writtenFor: nil, changedSince: false))
            }
            if rename(temporary, path) != 0 {
                let reason = Self.systemError()
                unlink(temporary)
                throw .cannotWrite(path: path, reason: reason)
            }
        } else {
            let reason = Self.systemError()
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        Self.syncFolder(of: path)
    }

    /// Writes `bytes` to `path` in one go (see the type's rules).
    public static func write<S: Sequence>(
        _ bytes: S, to path: String, purpose: OutputPurpose, personal: Bool = false,
        force: Bool = false
    ) throws(OutputError) where S.Element == UInt8 {
        let file = try OutputFile(path: path, purpose: purpose, personal: personal, force: force)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes `text` as UTF-8 to `path` in one go.
    public static func write(
        _ text: String, to path: String, purpose: OutputPurpose, personal: Bool = false,
        force: Bool = false
    ) throws(OutputError) {
        try write(text.utf8, to: path, purpose: purpose, personal: personal, force: force)
    }

    /// Checks that `path` may be written, before any work is done.
    /// - Returns: whether an existing file will be replaced.
    /// - Throws: ``OutputError/refused(path:what:)`` naming what the destination is.
    @discardableResult
    public static func check(_ path: String, purpose: OutputPurpose, force: Bool = false)
        throws(OutputError) -> Bool
    {
        try OutputError.checkNotProtected(path)
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
                    isFolder.boolValue
                else {
                    throw .cannotWrite(
                        path: path,
                        reason:
                            "the folder \(folder) does not exist; create it, or check the folder exists and is spelt right"
                    )
                }
                return false
            }
            throw .cannotWrite(path: path, reason: systemError())
        }
        if let kind = kindName(st.st_mode) {
            throw .refused(path: path, what: .notRegularFile(kind: kind))
        }
        if isSQLiteDatabase(path) { throw .refused(path: path, what: .database) }
        if force { return true }
        let mark = readMark(path)
        guard let mark, mark.purpose == purpose else {
            throw .refused(
                path: path, what: .exists(writtenFor: mark?.purpose, changedSince: false))
        }
        guard mark.size == Int64(st.st_size), mark.modified == modificationNanoseconds(st) else {
            throw .refused(path: path, what: .exists(writtenFor: purpose, changedSince: true))
        }
        return true
    }

    /// The purpose Selat wrote the file at `path` for, if it did and the file is unchanged since.
    public static func writtenBySelat(_ path: String) -> OutputPurpose? {
        var st = stat()
        guard lstat(path, &st) == 0, let mark = readMark(path) else { return nil }
        let folder = (st.st_mode & S_IFMT) == S_IFDIR
        guard
            folder
                || (mark.size == Int64(st.st_size) && mark.modified == modificationNanoseconds(st))
        else { return nil }
        return mark.purpose
    }

    /// Marks a folder Selat made for `purpose`.
    public static func markFolder(_ path: String, purpose: OutputPurpose) {
        let value = "\(purpose.rawValue) 0 0"
        _ = value.withCString { selat_setxattr(path, markAttribute, $0, strlen($0)) }
    }

    /// What a non-regular file is, in words; nil for a regular file.
    static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    /// Whether the file starts with SQLite's header.
    public static func isSQLiteDatabase(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\0".utf8)
    }

    private struct Mark {
        let purpose: OutputPurpose
        let size: Int64
        let modified: Int64
    }

    private static func mark(descriptor: Int32, purpose: OutputPurpose) {
        var st = stat()
        guard fstat(descriptor, &st) == 0 else { return }
        let value = "\(purpose.rawValue) \(st.st_size) \(modificationNanoseconds(st))"
        // Best effort: without the mark, the next run needs --force to replace the file.
        _ = value.withCString { selat_fsetxattr(descriptor, markAttribute, $0, strlen($0)) }
    }

    private static func readMark(_ path: String) -> Mark? {
        var buffer = [CChar](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBufferPointer {
            selat_lgetxattr(path, markAttribute, $0.baseAddress, 127)
        }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count == 3, let purpose = OutputPurpose(rawValue: String(parts[0])),
            let size = Int64(parts[1]), let modified = Int64(parts[2])
        else { return nil }
        return Mark(purpose: purpose, size: size, modified: modified)
    }

    private static func modificationNanoseconds(_ st: stat) -> Int64 {
        #if canImport(Darwin)
            Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #else
            Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #endif
    }

    /// Flushes the folder entry of a renamed or linked file (a power cut keeps the new name).
    static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The process's umask (read once; setting it back at once).
    static let umaskValue: mode_t = {
        let current = umask(0o022)
        umask(current)
        return current
    }()

    static func systemError() -> String { String(cString: strerror(errno)) }
}
