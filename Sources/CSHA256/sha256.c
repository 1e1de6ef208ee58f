// The SHA-256 block function (FIPS 180-4) on the x86 SHA extensions (SHA-NI).
//
// Compiled for the whole target without -msha: only `blocks_sha_ni` is built for the SHA,
// SSE4.1 and SSSE3 instructions (`target` attribute), and `csha256_has_hardware` checks with
// cpuid that the CPU has them before VintageCore calls it. Other CPUs report no hardware and
// VintageCore uses its Swift block function.

#include "csha256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Four rounds, g = 0...15. W holds the message words 4g...4g+3; NEXT (words 4g+4...) gets its
// second schedule step here (for g = 3...14), PREV (words 4g-4..., reused for 4g+12...) its
// first (for g = 1...12). The first four groups load their words from the block.
#define FOUR_ROUNDS(g, W, NEXT, PREV)                                                          \
    do {                                                                                       \
        if ((g) < 4) W = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * (g))), byte_swap); \
        __m128i wk = _mm_add_epi32(W, _mm_load_si128((const __m128i *)&round_constants[4 * (g)])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                          \
        if ((g) >= 3 && (g) <= 14)                                                             \
            NEXT = _mm_sha256msg2_epu32(_mm_add_epi32(NEXT, _mm_alignr_epi8(W, PREV, 4)), W);  \
        wk = _mm_shuffle_epi32(wk, 0x0E);                                                      \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);                                          \
        if ((g) >= 1 && (g) <= 12) PREV = _mm_sha256msg1_epu32(PREV, W);                       \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_sha_ni(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // The state as the instructions want it: ABEF and CDGH.
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i m0, m1, m2, m3;
        FOUR_ROUNDS(0, m0, m1, m3);
        FOUR_ROUNDS(1, m1, m2, m0);
        FOUR_ROUNDS(2, m2, m3, m1);
        FOUR_ROUNDS(3, m3, m0, m2);
        FOUR_ROUNDS(4, m0, m1, m3);
        FOUR_ROUNDS(5, m1, m2, m0);
        FOUR_ROUNDS(6, m2, m3, m1);
        FOUR_ROUNDS(7, m3, m0, m2);
        FOUR_ROUNDS(8, m0, m1, m3);
        FOUR_ROUNDS(9, m1, m2, m0);
        FOUR_ROUNDS(10, m2, m3, m1);
        FOUR_ROUNDS(11, m3, m0, m2);
        FOUR_ROUNDS(12, m0, m1, m3);
        FOUR_ROUNDS(13, m1, m2, m0);
        FOUR_ROUNDS(14, m2, m3, m1);
        FOUR_ROUNDS(15, m3, m0, m2);
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    // Back to a..h.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

static int detect_sha_ni(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

int csha256_has_hardware(void) {
    // -1 until the first call; racing first calls compute the same answer.
    static int known = -1;
    int has = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (has < 0) {
        has = detect_sha_ni();
        __atomic_store_n(&known, has, __ATOMIC_RELAXED);
    }
    return has;
}

void csha256_blocks(uint32_t state[8], const void *data, size_t blocks) {
    if (csha256_has_hardware()) blocks_sha_ni(state, data, blocks);
}

#else

int csha256_has_hardware(void) { return 0; }

void csha256_blocks(uint32_t state[8], const void *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
