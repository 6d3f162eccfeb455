#if MongoDB
import CMongoC
import CampusCore
import Foundation

// Thin, synchronous wrappers over libmongoc. Everything here runs on the store's thread pool and never
// escapes it: none of these types is Sendable.

let mongocInitialized: Void = {
    mongoc_init()
    campus_quiet_driver_logs()
}()

/// A `bson_error_t`, allocated in C (see shim.h).
final class DriverError {
    let raw = campus_error_new()!

    deinit { campus_error_free(raw) }

    var domain: UInt32 { campus_error_domain(raw) }
    var code: UInt32 { campus_error_code(raw) }
    var message: String { String(cString: campus_error_message(raw)) }

    /// Network and server-selection failures are `ContentStoreError.unavailable`; so are the server
    /// codes that mean "not now" (shutting down, not primary, host unreachable).
    func translated(collection: String = "") -> any Error {
        let transient: Set<UInt32> = [6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]
        if domain == MONGOC_ERROR_STREAM.rawValue || domain == MONGOC_ERROR_SERVER_SELECTION.rawValue
            || domain == MONGOC_ERROR_PROTOCOL.rawValue
            || (domain == MONGOC_ERROR_CLIENT.rawValue && code == MONGOC_ERROR_CLIENT_NOT_READY.rawValue)
            || transient.contains(code) && domain != MONGOC_ERROR_BSON.rawValue {
            return ContentStoreError.unavailable
        }
        if code == 11000 { return MongoContentStoreError.duplicateKey(collection: collection) }
        // The driver's own checks of a document before sending it (empty key, top-level "$" key).
        if domain == MONGOC_ERROR_BSON.rawValue
            || (domain == MONGOC_ERROR_COMMAND.rawValue && code == MONGOC_ERROR_COMMAND_INVALID_ARG.rawValue) {
            return MongoContentStoreError.invalidDocument(message)
        }
        return MongoContentStoreError.server(code: Int(code), message: message)
    }
}

/// An owned `bson_t *` made by libbson (`bson_new_from_json`, `bson_copy`, `bson_new`).
final class BSONDocument {
    let raw: OpaquePointer

    init(owning raw: OpaquePointer) { self.raw = raw }

    init(json: String) throws {
        let error = DriverError()
        var text = json
        let made = text.withUTF8 { bytes in
            bson_new_from_json(bytes.baseAddress, bytes.count, error.raw)
        }
        guard let made else { throw MongoContentStoreError.invalidDocument(error.message) }
        raw = made
    }

    deinit { bson_destroy(raw) }
}

/// A `bson_t` that the driver fills in (a reply), allocated in C.
final class BSONReply {
    let raw = campus_bson_new_out()!

    deinit { campus_bson_free_out(raw) }

    var object: JSONObject {
        var length = 0
        guard let text = bson_as_canonical_extended_json(raw, &length) else { return [:] }
        defer { bson_free(text) }
        let json = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
        return (try? ExtendedJSON.object(canonical: json)) ?? [:]
    }
}

/// One client popped from the pool for the length of one work item.
struct Connection {
    let client: OpaquePointer
    let database: String

    func withCollection<T>(_ name: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        let collection = mongoc_client_get_collection(client, database, name)!
        defer { mongoc_collection_destroy(collection) }
        return try body(collection)
    }

    func find(_ collection: String, filter: String, options: String? = nil) throws -> [ContentDocument] {
        let filter = try BSONDocument(json: filter)
        let options = try options.map { try BSONDocument(json: $0) }
        return try withCollection(collection) { handle in
            let cursor = mongoc_collection_find_with_opts(handle, filter.raw, options?.raw, nil)!
            defer { mongoc_cursor_destroy(cursor) }
            var documents: [ContentDocument] = []
            var length = 0
            while let text = campus_cursor_next_json(cursor, &length) {
                let json = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
                bson_free(text)
                documents.append(try ExtendedJSON.document(canonical: json))
            }
            let error = DriverError()
            if mongoc_cursor_error(cursor, error.raw) { throw error.translated(collection: collection) }
            return documents
        }
    }

    /// The stored document with this id as raw BSON, for undo records that must restore it exactly.
    func findRaw(_ collection: String, id: String) throws -> BSONDocument? {
        let filter = try BSONDocument(json: "{\"_id\":\(ExtendedJSON.text(.string(id)))}")
        return try withCollection(collection) { handle in
            let cursor = mongoc_collection_find_with_opts(handle, filter.raw, nil, nil)!
            defer { mongoc_cursor_destroy(cursor) }
            let found = campus_cursor_next_copy(cursor).map { BSONDocument(owning: $0) }
            let error = DriverError()
            if mongoc_cursor_error(cursor, error.raw) { throw error.translated(collection: collection) }
            return found
        }
    }

    /// Replaces the document with this id, inserting it when absent. `sessionOptions` carries a
    /// transaction's session id.
    func replace(_ collection: String, id: String, with document: BSONDocument, sessionOptions: BSONDocument? = nil) throws {
        let selector = try BSONDocument(json: "{\"_id\":\(ExtendedJSON.text(.string(id)))}")
        let options = sessionOptions.map { BSONDocument(owning: bson_copy($0.raw)!) } ?? BSONDocument(owning: bson_new()!)
        campus_append_upsert(options.raw)
        try withCollection(collection) { handle in
            // Two upserts of a new id can race to insert it; the loser sees 11000 and simply retries
            // as an update, as the MongoDB manual advises for upserts.
            var attempt = 0
            while true {
                let reply = BSONReply()
                let error = DriverError()
                if mongoc_collection_replace_one(handle, selector.raw, document.raw, options.raw, reply.raw, error.raw) { return }
                attempt += 1
                if error.code == 11000 && attempt < 3 && sessionOptions == nil { continue }
                throw error.translated(collection: collection)
            }
        }
    }

    func delete(_ collection: String, id: String, sessionOptions: BSONDocument? = nil) throws -> Bool {
        let selector = try BSONDocument(json: "{\"_id\":\(ExtendedJSON.text(.string(id)))}")
        return try withCollection(collection) { handle in
            let reply = BSONReply()
            let error = DriverError()
            guard mongoc_collection_delete_one(handle, selector.raw, sessionOptions?.raw, reply.raw, error.raw) else {
                throw error.translated(collection: collection)
            }
            return (reply.object["deletedCount"]?.intValue ?? 0) > 0
        }
    }

    /// A plain insert, which fails on an existing `_id`: upserts never reach the duplicate-key path,
    /// so tests use this to check how code 11000 is reported.
    func insert(_ collection: String, document: BSONDocument) throws {
        try withCollection(collection) { handle in
            let reply = BSONReply()
            let error = DriverError()
            guard mongoc_collection_insert_one(handle, document.raw, nil, reply.raw, error.raw) else {
                throw error.translated(collection: collection)
            }
        }
    }

    @discardableResult
    func command(_ command: String, database: String? = nil) throws -> JSONObject {
        let command = try BSONDocument(json: command)
        let reply = BSONReply()
        let error = DriverError()
        guard mongoc_client_command_simple(client, database ?? self.database, command.raw, nil, reply.raw, error.raw) else {
            throw error.translated()
        }
        return reply.object
    }

    /// Multi-document transactions need a replica set (or mongos) with sessions; a standalone server
    /// refuses them (code 20), so batches fall back to undo records there.
    func supportsTransactions() throws -> Bool {
        let error = DriverError()
        guard let server = mongoc_client_select_server(client, true, nil, error.raw) else { throw error.translated() }
        defer { mongoc_server_description_destroy(server) }
        guard let hello = mongoc_server_description_hello_response(server) else { return false }
        var length = 0
        guard let text = bson_as_canonical_extended_json(hello, &length) else { return false }
        defer { bson_free(text) }
        let json = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
        let reply = try ExtendedJSON.object(canonical: json)
        let wire = reply["maxWireVersion"]?.intValue ?? 0
        guard reply["logicalSessionTimeoutMinutes"] != nil else { return false }
        if reply["setName"] != nil { return wire >= 7 }
        if reply["msg"]?.stringValue == "isdbgrid" { return wire >= 8 }
        return false
    }
}
#endif
