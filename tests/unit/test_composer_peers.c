/* Peer engines' own test vectors (tests/data/ime: vi-rs, bamboo-core; sources and licences
 * in its README) run through the composer. A vector is method, tone style, keys and the
 * text the peer expects. A failing vector must match one of the deliberate exclusions of
 * tests/data/ime/exclusions.tsv (a file, a POSIX regular expression on the keys and the
 * reason); every other one must pass. Prints, per file, passed / total and how many were
 * left out by which exclusion. Arguments: the exclusions file, then the vector files. */
#include "check.h"
#include "text/composer.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXCLUSIONS 32

struct exclusion {
    char file[64];
    char id[32];
    regex_t re;
    int hits;
};

static struct exclusion g_ex[MAX_EXCLUSIONS];
static int g_n_ex;

static int split(char *line, char **cols, int max)
{
    int n = 0;
    cols[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            cols[n++] = p + 1;
        }
    return n;
}

static void load_exclusions(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    CHECK(kiosk_read_file(path, &data, &len) == KIOSK_OK);
    for (char *line = data ? strtok(data, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *cols[4];
        if (line[0] == '#' || split(line, cols, 4) < 4 || g_n_ex == MAX_EXCLUSIONS)
            continue;
        struct exclusion *e = &g_ex[g_n_ex];
        kiosk_strlcpy(e->file, cols[0], sizeof e->file);
        kiosk_strlcpy(e->id, cols[1], sizeof e->id);
        int bad = regcomp(&e->re, cols[2], REG_EXTENDED | REG_NOSUB);
        CHECK(bad == 0);
        if (!bad)
            g_n_ex++;
    }
    free(data);
}

static const char *base_name(const char *path)
{
    const char *a = strrchr(path, '/');
    if (!a)
        return path;
    const char *b = a;
    while (b > path && b[-1] != '/')
        b--;
    return b; /* "suite/file.tsv" */
}

static struct exclusion *excluded(const char *file, const char *keys)
{
    for (int i = 0; i < g_n_ex; i++)
        if (strcmp(g_ex[i].file, file) == 0 && regexec(&g_ex[i].re, keys, 0, NULL, 0) == 0)
            return &g_ex[i];
    return NULL;
}

/* bamboo-core's GetProcessedString gives the last word only */
static const char *compared(const char *out, const char *keys, const char *want)
{
    const char *sp = strrchr(out, ' ');
    return sp && strchr(keys, ' ') && !strchr(want, ' ') ? sp + 1 : out;
}

static int run_vector(const char *file, char **c, int *excl)
{
    int method = strcmp(c[0], "vni") == 0 ? VN_IM_VNI : VN_IM_TELEX;
    int style = strcmp(c[1], "modern") == 0 ? VN_TONE_MODERN : VN_TONE_TRADITIONAL;
    char out[1024];
    vn_compose_string(method, style, c[2], out, sizeof out);
    if (strcmp(compared(out, c[2], c[3]), c[3]) == 0)
        return 1;
    struct exclusion *e = excluded(file, c[2]);
    if (e) {
        e->hits++;
        (*excl)++;
        return 0;
    }
    fprintf(stderr, "%s: \"%s\" gives \"%s\", want \"%s\"\n", file, c[2], out, c[3]);
    return 0;
}

static void run_file(const char *path, int sums[3])
{
    const char *file = base_name(path);
    char *data = NULL;
    size_t len = 0;
    CHECK(kiosk_read_file(path, &data, &len) == KIOSK_OK);
    int total = 0, ok = 0, excl = 0;
    for (char *line = data ? strtok(data, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *c[5];
        if (line[0] == '#' || split(line, c, 5) < 4)
            continue;
        total++;
        ok += run_vector(file, c, &excl);
    }
    printf("%-36s %6d/%-6d passed, %d left out\n", file, ok, total, excl);
    CHECK(total > 0);
    CHECK_INT(ok + excl, total); /* every failure is a deliberate exclusion */
    sums[0] += total;
    sums[1] += ok;
    sums[2] += excl;
    free(data);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_composer_peers exclusions.tsv vectors.tsv...\n");
        return 1;
    }
    load_exclusions(argv[1]);
    int sums[3] = {0, 0, 0};
    for (int i = 2; i < argc; i++)
        run_file(argv[i], sums);
    printf("peer vectors: %d/%d passed, %d left out on purpose\n", sums[1], sums[0], sums[2]);
    for (int i = 0; i < g_n_ex; i++) {
        printf("  %-36s %-20s %d\n", g_ex[i].file, g_ex[i].id, g_ex[i].hits);
        regfree(&g_ex[i].re);
    }
    return check_done();
}
