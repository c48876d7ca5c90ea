/* What every benchmark shares: a monotonic clock in ms, the median and p99 of a sample,
 * and the one table row format tests/bench/run.sh collects:
 * figure<TAB>median<TAB>p99<TAB>baseline<TAB>ratio<TAB>target[<TAB>note]. */
#ifndef KIOSK_BENCH_UTIL_H
#define KIOSK_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v in place. */
static inline void stats(double *v, int n, double *median, double *p99)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *median = v[n / 2];
    *p99 = v[(n * 99) / 100];
}

/* baseline <= 0: no baseline in this row. note (may be NULL): what is measured, what the
 * baseline is; the figure itself is a bare name. */
static inline void row_note(const char *figure, double *v, int n, double baseline,
                            const char *target, const char *note)
{
    double median, p99;
    stats(v, n, &median, &p99);
    if (baseline > 0)
        printf("%s\t%.4f\t%.4f\t%.4f\t%.2f\t%s", figure, median, p99, baseline, median / baseline,
               target);
    else
        printf("%s\t%.4f\t%.4f\t-\t-\t%s", figure, median, p99, target);
    if (note)
        printf("\t%s", note);
    printf("\n");
}

static inline void row(const char *figure, double *v, int n, double baseline, const char *target)
{
    row_note(figure, v, n, baseline, target, NULL);
}

#endif
