/* Scanner bursts vs a person typing, driven with exact timestamps: a scan is never typed
 * into a field, and nothing a person types (however fast) becomes a scan. */
#include "check.h"
#include "text/scanburst.h"

#include <string.h>

struct typed {
    char text[1024];
    int returns;
    char scans[4][600];
    int n_scans;
};

static void collect(struct typed *t, int r, const char *out, int ret)
{
    if (r == SCANBURST_SCAN && t->n_scans < 4)
        kiosk_strlcpy(t->scans[t->n_scans++], out, sizeof t->scans[0]);
    if (r == SCANBURST_TYPED) {
        strncat(t->text, out, sizeof t->text - strlen(t->text) - 1);
        t->returns += ret;
    }
}

/* Feeds keys ('\n' is Return) gap_ms apart from start_ms, then lets time pass. */
static int64_t feed(struct scanburst *s, struct typed *t, const char *keys, int64_t start_ms,
                    int gap_ms)
{
    int64_t now = start_ms;
    char out[600];
    for (const char *p = keys; *p; p++, now += gap_ms) {
        /* the event loop flushes when the wait it was told has passed */
        int w = scanburst_wait_ms(s, now - gap_ms);
        if (w >= 0 && w <= gap_ms)
            collect(t, scanburst_flush(s, now - gap_ms + w, out, sizeof out), out, 0);
        char key[2] = {*p, 0};
        int ret = 0;
        int r = scanburst_feed(s, *p == '\n' ? NULL : key, now, out, sizeof out, &ret);
        collect(t, r, out, ret);
    }
    collect(t, scanburst_flush(s, now + 1000, out, sizeof out), out, 0);
    CHECK_INT(scanburst_wait_ms(s, now + 1000), -1);
    return now + 1000;
}

static void check_scan(void)
{
    struct scanburst s = {0};
    struct typed t = {0};
    feed(&s, &t, "KC1.AB12CD34\n", 1000, 8); /* a scanner: 8 ms apart */
    CHECK_INT(t.n_scans, 1);
    CHECK_STR(t.scans[0], "KC1.AB12CD34");
    CHECK_STR(t.text, "");
    CHECK_INT(t.returns, 0);

    /* exactly the limits: 6 keys, 20 ms apart */
    memset(&t, 0, sizeof t);
    feed(&s, &t, "7KQ3M9\n", 5000, SCANBURST_GAP_MS);
    CHECK_INT(t.n_scans, 1);
    CHECK_STR(t.scans[0], "7KQ3M9");
}

static void check_typing(void)
{
    struct scanburst s = {0};
    struct typed t = {0};
    /* a fast typist: 60 ms apart, with Return at the end */
    feed(&s, &t, "Nguyen Van An\n", 1000, 60);
    CHECK_INT(t.n_scans, 0);
    CHECK_STR(t.text, "Nguyen Van An");
    CHECK_INT(t.returns, 1);

    /* 5 fast keys and Return: too short for a scan */
    memset(&t, 0, sizeof t);
    feed(&s, &t, "12345\n", 10000, 5);
    CHECK_INT(t.n_scans, 0);
    CHECK_STR(t.text, "12345");
    CHECK_INT(t.returns, 1);

    /* fast keys without Return (a held key repeating): typing once the gap passes */
    memset(&t, 0, sizeof t);
    char out[600];
    int ret = 0;
    for (int i = 0; i < 10; i++)
        CHECK_INT(scanburst_feed(&s, "a", 20000 + i * 5, out, sizeof out, &ret), SCANBURST_NONE);
    CHECK_INT(scanburst_wait_ms(&s, 20045), SCANBURST_GAP_MS + 1);
    CHECK_INT(scanburst_flush(&s, 20050, out, sizeof out), SCANBURST_NONE); /* not yet */
    CHECK_INT(scanburst_flush(&s, 20070, out, sizeof out), SCANBURST_TYPED);
    CHECK_STR(out, "aaaaaaaaaa");

    /* fast keys, a pause, then Return: the pause makes it typing */
    memset(&t, 0, sizeof t);
    for (int i = 0; i < 8; i++)
        scanburst_feed(&s, "9", 30000 + i * 5, out, sizeof out, &ret);
    CHECK_INT(scanburst_feed(&s, NULL, 30300, out, sizeof out, &ret), SCANBURST_TYPED);
    CHECK_STR(out, "99999999");
    CHECK_INT(ret, 1);

    /* Return alone */
    CHECK_INT(scanburst_feed(&s, NULL, 40000, out, sizeof out, &ret), SCANBURST_TYPED);
    CHECK_STR(out, "");
    CHECK_INT(ret, 1);
}

static void check_mixed(void)
{
    struct scanburst s = {0};
    struct typed t = {0};
    /* a person types, then scans a receipt, then types again */
    int64_t now = feed(&s, &t, "Hoa", 1000, 150);
    now = feed(&s, &t, "KC1.XYZ123\n", now, 6);
    feed(&s, &t, " ok", now, 150);
    CHECK_INT(t.n_scans, 1);
    CHECK_STR(t.scans[0], "KC1.XYZ123");
    CHECK_STR(t.text, "Hoa ok");

    /* a burst longer than the buffer is released as typing, nothing is lost */
    struct scanburst s2 = {0};
    char out[600], all[2048] = "";
    int ret = 0;
    for (int i = 0; i < 700; i++) {
        if (scanburst_feed(&s2, "x", 100000 + i, out, sizeof out, &ret) == SCANBURST_TYPED)
            strcat(all, out);
    }
    scanburst_flush(&s2, 200000, out, sizeof out);
    strcat(all, out);
    CHECK_INT(strlen(all), 700);
}

int main(void)
{
    check_scan();
    check_typing();
    check_mixed();
    return check_done();
}
