// CRC-32C on the x86-64 CRC32 instruction (SSE4.2).
//
// Compiled for the whole target without -msse4.2: only `update_sse42` is built for SSE4.2
// (`target` attribute), and `ccrc32c_has_hardware` checks with cpuid that the CPU has it
// before VintageColumnar calls it. Other CPUs report no hardware and VintageColumnar uses
// its Swift slicing-by-16 tables.

#include "ccrc32c.h"

#include <string.h>

#if defined(__x86_64__)

#include <cpuid.h>

__attribute__((target("sse4.2")))
static uint32_t update_sse42(uint32_t crc, const unsigned char *p, size_t n) {
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        n -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (n > 0) {
        c32 = __builtin_ia32_crc32qi(c32, *p);
        p += 1;
        n -= 1;
    }
    return c32;
}

static int detected = -1;

int ccrc32c_has_hardware(void) {
    if (detected < 0) {
        unsigned int eax, ebx, ecx, edx;
        int has = 0;
        if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) has = (ecx & bit_SSE4_2) != 0;
        detected = has;
    }
    return detected;
}

uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t count) {
    if (!ccrc32c_has_hardware()) return crc;
    return update_sse42(crc, (const unsigned char *)data, count);
}

#else

int ccrc32c_has_hardware(void) { return 0; }

uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t count) {
    (void)data;
    (void)count;
    return crc;
}

#endif
