#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation.
/// Effective only before SQLite is first used (sqlite3_config is variadic, so Swift calls
/// it through this wrapper).
static inline int vintage_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
