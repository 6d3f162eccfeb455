#ifndef CAMPUS_CSQLITE3_SHIM_H
#define CAMPUS_CSQLITE3_SHIM_H
// The system SQLite (Debian's libsqlite3-dev), used only by the practice sandbox: it has
// sqlite3_deserialize and the progress handler that the copy inside sqlite-nio is built without.
// sqlite-nio's copy prefixes its symbols, so the two never meet.
#include <sqlite3.h>
#endif
