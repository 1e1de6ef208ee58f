#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU has SHA-256 instructions that `csha256_blocks` uses (x86-64 SHA-NI with
/// SSSE3 and SSE4.1), else 0. Checked once with cpuid; cheap to call.
int csha256_has_hardware(void);

/// Folds `blocks` consecutive 64-byte blocks at `data` (any alignment) into the SHA-256 `state` (the eight
/// working words a..h, native endianness), with the CPU's SHA instructions. Call only when
/// `csha256_has_hardware()` returns 1; elsewhere it does nothing.
void csha256_blocks(uint32_t state[8], const void *data, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
