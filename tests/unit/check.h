/* A tiny unit-test harness: CHECK records a failure with file and line and goes on;
 * check_skip() notes a part that cannot run here; check_done() prints "N passed, N failed"
 * (", N skipped") and returns the exit code: 1 on a failure, else 77 (ctest's SKIP_RETURN_CODE:
 * shown as skipped, never as passed) when a part was skipped, else 0. */
#ifndef KIOSK_CHECK_H
#define KIOSK_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed, check_skipped;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                                     \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\" (%s)\n", __FILE__, __LINE__,           \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)", #got);                                 \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ == w_) {                                                                            \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: got %lld, want %lld (%s)\n", __FILE__, __LINE__, g_, w_,       \
                    #got);                                                                         \
        }                                                                                          \
    } while (0)

static inline void check_skip(const char *why)
{
    check_skipped++;
    printf("SKIP: %s\n", why);
}

static inline int check_done(void)
{
    if (check_skipped)
        printf("%d passed, %d failed, %d skipped\n", check_passed, check_failed, check_skipped);
    else
        printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : check_skipped ? 77 : 0;
}

#endif
