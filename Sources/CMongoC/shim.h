#ifndef CAMPUS_CMONGOC_SHIM_H
#define CAMPUS_CMONGOC_SHIM_H

#include <mongoc/mongoc.h>
#include <stdlib.h>
#include <string.h>

/* Debian's libbson declares bson_t with 128-byte alignment, which Swift cannot lay out, so bson_t
   and bson_error_t values never live in Swift memory: these helpers allocate them in C. */

static inline bson_t *campus_bson_new_out(void) {
    bson_t *doc = (bson_t *) aligned_alloc(128, sizeof(bson_t));
    if (doc) bson_init(doc);
    return doc;
}

/* For documents from campus_bson_new_out only (bson_destroy does not free an inline bson_t). */
static inline void campus_bson_free_out(bson_t *doc) {
    if (!doc) return;
    bson_destroy(doc);
    free(doc);
}

static inline bson_error_t *campus_error_new(void) {
    return (bson_error_t *) calloc(1, sizeof(bson_error_t));
}

static inline void campus_error_free(bson_error_t *error) { free(error); }
static inline uint32_t campus_error_domain(const bson_error_t *error) { return error->domain; }
static inline uint32_t campus_error_code(const bson_error_t *error) { return error->code; }
static inline const char *campus_error_message(const bson_error_t *error) { return error->message; }

/* The next document of a cursor as canonical extended JSON (free with bson_free), or NULL at the end
   or on error (then mongoc_cursor_error tells which). */
static inline char *campus_cursor_next_json(mongoc_cursor_t *cursor, size_t *length) {
    const bson_t *doc = NULL;
    if (!mongoc_cursor_next(cursor, &doc)) return NULL;
    return bson_as_canonical_extended_json(doc, length);
}

/* The next document of a cursor as an owned copy (free with bson_destroy), or NULL. */
static inline bson_t *campus_cursor_next_copy(mongoc_cursor_t *cursor) {
    const bson_t *doc = NULL;
    if (!mongoc_cursor_next(cursor, &doc)) return NULL;
    return bson_copy(doc);
}

/* Appends upsert: true to replace options without building the document in Swift. */
static inline bool campus_append_upsert(bson_t *opts) {
    return bson_append_bool(opts, "upsert", -1, true);
}

/* The driver's default handler prints DEBUG lines (a failed heartbeat every half second while the
   server is down) to stderr; keep only warnings and worse. */
static void campus_log_handler(mongoc_log_level_t level, const char *domain, const char *message, void *data) {
    if (level <= MONGOC_LOG_LEVEL_WARNING) mongoc_log_default_handler(level, domain, message, data);
}

static inline void campus_quiet_driver_logs(void) {
    mongoc_log_set_handler(campus_log_handler, NULL);
}

#endif
