/* The script player (`kiosk --script FILE`, INTERFACE.md): plays taps, keys, scans and
 * waits on kiosk time, and checks what the screen shows. It never reads real time: a
 * run is the same every time. */
#ifndef KIOSK_HOST_SCRIPT_H
#define KIOSK_HOST_SCRIPT_H

#include "common.h"

#include <stdio.h>

enum script_op {
    SCRIPT_TAP_LABEL = 1, /* tap "LABEL" */
    SCRIPT_TAP_XY,        /* tap X Y */
    SCRIPT_DRAG,          /* drag X1 Y1 X2 Y2 ... */
    SCRIPT_TYPE,          /* type "TEXT" */
    SCRIPT_OSK,           /* osk "KEY" ... */
    SCRIPT_KEY,           /* key NAME */
    SCRIPT_SCAN,          /* scan "TEXT" */
    SCRIPT_WAIT,          /* wait MS */
    SCRIPT_CLOCK,         /* clock "YYYY-MM-DDTHH:MM" or "THH:MM" */
    SCRIPT_EXPECT,        /* expect "TEXT" */
    SCRIPT_EXPECT_NOT,    /* expect-not "TEXT" */
    SCRIPT_EXPECT_INERT,  /* expect-inert "TEXT": shown, but nothing to tap (a disabled button) */
    SCRIPT_SHOT,          /* shot FILE.png */
    SCRIPT_HOLD,          /* hold X Y MS: press, keep the finger there MS ms, release */
    SCRIPT_CLOSE,         /* close: the window manager closes the window (Alt+F4, the X) */
    SCRIPT_WAIT_FILE,     /* wait-file "PATH": real time until PATH exists (a test's cue) */
    SCRIPT_CAMERA,        /* camera: real time until the camera read a code or settled */
    SCRIPT_PRINTING,      /* printing: real time until the printer took the receipt or gave up */
    SCRIPT_EXPORTING,     /* exporting [ROWS]: real time until the admin screen's export
                           * ended (or wrote ROWS rows) */
    SCRIPT_SAID,          /* said "TEXT": the voice's last words hold TEXT (voice = on) */
    SCRIPT_LISTEN,        /* listen MS: real time: the voice is done synthesising, then MS ms */
    SCRIPT_TOUCHES_FROM,  /* touches-from-here: the touch count starts again at 0 */
    SCRIPT_TOUCHES,       /* touches MAX: prints the touches since, fails when more than MAX */
    SCRIPT_CHECKING,      /* checking: real time until the PIN or server being checked on a
                           * thread is answered */
    SCRIPT_SYNCING,       /* syncing [STEPS]: real time until the sync ended (or did STEPS
                           * steps) */
};

#define SCRIPT_ARGS_MAX 32

struct script_cmd {
    int op;    /* enum script_op */
    int line;  /* 1-based line in the file */
    char *src; /* the line as written (trimmed), for messages */
    size_t argc;
    char *args[SCRIPT_ARGS_MAX];  /* words and quoted strings, unquoted */
    int64_t num[SCRIPT_ARGS_MAX]; /* numeric args (tap X Y, drag, wait) */
};

struct script {
    struct script_cmd *cmds;
    size_t count;
};

/* Parses script text. On a bad line returns KIOSK_E_INVALID with err naming the line
 * ("name:12: ..."); s is then empty. Never reads beyond len. */
kiosk_status script_parse(const char *text, size_t len, const char *name, struct script *s,
                          char *err, size_t errlen);
void script_free(struct script *s);

struct app;
/* Plays a parsed script against the runtime. Returns 0 when every line held, else 1
 * after printing the failed line, the command and every visible text to out. */
int script_play(struct app *a, const struct script *s, const char *name, FILE *out);
/* Reads FILE, parses and plays it. Returns the process exit code. */
int script_run_file(struct app *a, const char *path);

#endif
