import Foundation
import GRDB
import SelatGeo

/// Facts about the database itself.
extension SelatDatabase {
    /// A stored setting, or nil.
    public func setting(_ key: String) throws(StoreError) -> String? {
        try reading { db in try db.value("SELECT value FROM setting WHERE key = ?", [key]) }
    }

    /// Stores a setting, replacing any earlier value.
    public func setSetting(_ key: String, _ value: String) throws(StoreError) {
        try transaction { db in try Self.setSetting(key, value, db) }
    }

    /// Stores a setting inside a transaction.
    static func setSetting(_ key: String, _ value: String, _ db: any SQLRunner) throws {
        try db.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value])
    }

    /// The database holds synthetic demo data (`selat demo` marks it), so every export and map
    /// made from it says so.
    public var isSynthetic: Bool {
        get throws(StoreError) { try setting("synthetic") == "yes" }
    }

    /// The database's own study region (west, south, east, north in degrees), if one was set.
    public func studyRegion() throws(StoreError) -> Rect? {
        guard let text = try setting("study_region") else { return nil }
        let v = text.split(separator: " ").compactMap { Double($0) }
        guard v.count == 4 else {
            throw .settingEdited(name: "study_region", value: text)
        }
        return Rect(minX: v[0], minY: v[1], maxX: v[2], maxY: v[3])
    }

    /// Sets (or with nil, removes) the database's own study region.
    public func setStudyRegion(_ region: Rect?) throws(StoreError) {
        guard let r = region else {
            try transaction { db in try db.execute("DELETE FROM setting WHERE key = 'study_region'")
            }
            return
        }
        try setSetting("study_region", "\(r.minX) \(r.minY) \(r.maxX) \(r.maxY)")
    }

    /// Marks the database as the demo's own: `selat demo` may delete and remake it, and no other.
    public func markDemo() throws(StoreError) { try setSetting("demo", "yes") }

    /// Whether the file at `path` is a database `selat demo` made (read without changing it).
    public static func isDemoDatabase(at path: String) -> Bool {
        if PostgresAddress.isURL(path) {
            return (try? SelatDatabase(path: path, access: .readOnly).setting("demo")) == "yes"
        }
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else {
            return false
        }
        defer { try? queue.close() }
        return
            (try? queue.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'")
            }) == "yes"
    }

    /// Marks the database as holding synthetic demo data.
    public func markSynthetic() throws(StoreError) { try setSetting("synthetic", "yes") }
}
