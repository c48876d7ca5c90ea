/* Test hooks: the one place the kiosk and kioskctl read settings that exist only for tests
 * and benchmarks. Each is an environment variable, read once (the first call, from any
 * thread) and never again; unset, the kiosk behaves as in production. No other code reads
 * a test-only variable: a new hook is added here, with its line below and in docs/HOST.md.
 *
 *   KIOSK_EXIT_AFTER_FIRST_FRAME=1  the runtime exits (status 0) right after presenting its
 *                                   first frame: startup benchmarks time exec to first
 *                                   picture (tests/bench/bench_startup.sh).
 *   KIOSK_SYNC_TEST_DELAY_MS=N      every sync step (file or PostgreSQL) sleeps N ms, so a
 *                                   test's kill -9 lands in the middle of a sync
 *                                   (tests/e2e/sync_file.test.sh, sync_pg.test.sh).
 *   KIOSK_EXPORT_TEST_DELAY_MS=N    an export watched by a progress bar (host/export_job.c)
 *                                   sleeps N ms after each row, so a script sees the bar
 *                                   (tests/e2e/admin_export_progress.kscript).
 */
#ifndef KIOSK_TEST_HOOKS_H
#define KIOSK_TEST_HOOKS_H

struct kiosk_test_hooks {
    int exit_after_first_frame; /* KIOSK_EXIT_AFTER_FIRST_FRAME=1 */
    long sync_delay_ms;         /* KIOSK_SYNC_TEST_DELAY_MS, 0 when unset or negative */
    long export_delay_ms;       /* KIOSK_EXPORT_TEST_DELAY_MS, likewise */
};

/* The hooks of this process (read at the first call). */
const struct kiosk_test_hooks *kiosk_test_hooks(void);

#endif
