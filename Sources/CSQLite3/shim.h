#ifndef CAMPUS_CSQLITE3_SHIM_H
#define CAMPUS_CSQLITE3_SHIM_H
// The system SQLite (Debian's libsqlite3-dev), used only by the practice sandbox: it has
// sqlite3_deserialize and the progress handler that the copy inside sqlite-nio is built without.
// sqlite-nio's copy prefixes its symbols, so the two never meet.
#include <sqlite3.h>

#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
// The kernel id of the calling thread, for lowering the priority of the sandbox's own threads only
// (Swift cannot call the variadic syscall(2), and glibc's gettid() needs _GNU_SOURCE).
static inline int campus_sandbox_thread_id(void) { return (int)syscall(SYS_gettid); }
#endif
#endif
