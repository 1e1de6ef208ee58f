#include <malloc.h>

/// glibc's allocator knobs, as functions (the M_* macros are not all imported into Swift).
static inline void vintage_keep_freed_memory(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
    mallopt(M_TOP_PAD, 256 << 20);
}
