#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU has the CRC-32C instruction that `ccrc32c_update` uses (x86-64 SSE4.2),
/// else 0. Checked once with cpuid; cheap to call.
int ccrc32c_has_hardware(void);

/// Continues the CRC-32C register `crc` (already inverted: the running value, not the
/// finished checksum) over `count` bytes at `data`, with the CPU's CRC32 instruction.
/// Call only when `ccrc32c_has_hardware()` returns 1; elsewhere it returns `crc` unchanged.
uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t count);

#ifdef __cplusplus
}
#endif

#endif
