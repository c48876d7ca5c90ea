/* The script reader: lines of `command arg...`, quoted strings with \" and \\ escapes,
 * `#` comments. Pure parsing (a fuzz target); script.c plays what it reads. */
#include "host/script.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int min_args, max_args;
    int op;      /* enum script_op (tap: refined by its arguments) */
    int numbers; /* the arguments are numbers (pixels, ms) */
} commands[] = {
    {"tap", 1, 2, SCRIPT_TAP_LABEL, 0},
    {"drag", 4, SCRIPT_ARGS_MAX, SCRIPT_DRAG, 1},
    {"type", 1, 1, SCRIPT_TYPE, 0},
    {"osk", 1, SCRIPT_ARGS_MAX, SCRIPT_OSK, 0},
    {"key", 1, 1, SCRIPT_KEY, 0},
    {"scan", 1, 1, SCRIPT_SCAN, 0},
    {"wait", 1, 1, SCRIPT_WAIT, 1},
    {"clock", 1, 1, SCRIPT_CLOCK, 0},
    {"expect", 1, 1, SCRIPT_EXPECT, 0},
    {"expect-not", 1, 1, SCRIPT_EXPECT_NOT, 0},
    {"shot", 1, 1, SCRIPT_SHOT, 0},
    {"hold", 3, 3, SCRIPT_HOLD, 1},
    {"close", 0, 0, SCRIPT_CLOSE, 0},
    {"wait-file", 1, 1, SCRIPT_WAIT_FILE, 0},
    {"camera", 0, 0, SCRIPT_CAMERA, 0},
    {"printing", 0, 0, SCRIPT_PRINTING, 0},
    {"exporting", 0, 1, SCRIPT_EXPORTING, 1},
    {"checking", 0, 0, SCRIPT_CHECKING, 0},
    {"syncing", 0, 1, SCRIPT_SYNCING, 1},
    {"said", 1, 1, SCRIPT_SAID, 0},
    {"listen", 1, 1, SCRIPT_LISTEN, 1},
    {"expect-inert", 1, 1, SCRIPT_EXPECT_INERT, 0},
    {"touches-from-here", 0, 0, SCRIPT_TOUCHES_FROM, 0},
    {"touches", 1, 1, SCRIPT_TOUCHES, 1},
};

/* Keys, then the shortcuts a visitor may try (sent through SDL's own event queue). */
static const char *const key_names[] = {"Return", "Escape",  "BackSpace", "Tab",    "Up",   "Down",
                                        "Alt+F4", "Alt+Tab", "Ctrl+W",    "Ctrl+Q", "Super"};

struct token {
    char *text;
    int quoted;
};

static int tokenize_failed(struct token *tok, int n)
{
    for (int i = 0; i < n; i++)
        free(tok[i].text);
    return -1;
}

/* Splits a line into tokens; returns the count or -1 with err set (and nothing held). */
static int tokenize(const char *line, struct token *tok, int max, char *err, size_t errlen)
{
    int n = 0;
    const char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            return n;
        if (n == max) {
            kiosk_fmt(err, errlen, "too many arguments (at most %d)", max - 1);
            return tokenize_failed(tok, n);
        }
        size_t cap = strlen(p) + 1, o = 0;
        char *buf = malloc(cap);
        if (!buf) {
            kiosk_fmt(err, errlen, "out of memory");
            return tokenize_failed(tok, n);
        }
        tok[n].quoted = *p == '"';
        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                buf[o++] = *p++;
            }
            if (*p != '"') {
                free(buf);
                kiosk_fmt(err, errlen, "a quoted text is not closed");
                return tokenize_failed(tok, n);
            }
            p++;
        } else {
            while (*p && *p != ' ' && *p != '\t')
                buf[o++] = *p++;
        }
        buf[o] = '\0';
        tok[n++].text = buf;
    }
}

static int parse_num(const char *s, int64_t *out)
{
    if (!*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0 || v > 100000000LL)
        return 0;
    *out = v;
    return 1;
}

static int clock_valid(const char *s)
{
    int y, mo, d, h, mi;
    char tail;
    if (s[0] == 'T')
        return sscanf(s, "T%2d:%2d%c", &h, &mi, &tail) == 2 && h < 24 && mi < 60 && h >= 0 &&
               mi >= 0;
    return sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 5 && mo >= 1 &&
           mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && y >= 1970;
}

/* What one command's arguments must also be; 0 with err set when they are not. */
static int check_args(struct script_cmd *cmd, const struct token *tok, int argc, int *numbers,
                      char *err, size_t errlen)
{
    switch (cmd->op) {
    case SCRIPT_TAP_LABEL:
        if (argc == 1 && tok[1].quoted)
            return 1;
        if (argc == 2) {
            cmd->op = SCRIPT_TAP_XY;
            *numbers = 1;
            return 1;
        }
        kiosk_fmt(err, errlen, "tap takes \"LABEL\" or X Y");
        return 0;
    case SCRIPT_DRAG:
        if (argc % 2 == 0)
            return 1;
        kiosk_fmt(err, errlen, "drag takes pairs of X Y");
        return 0;
    case SCRIPT_KEY:
        for (size_t j = 0; j < KIOSK_ARRAY_LEN(key_names); j++)
            if (strcmp(key_names[j], tok[1].text) == 0)
                return 1;
        kiosk_fmt(err, errlen,
                  "unknown key '%s' (Return, Escape, BackSpace, Tab, Up, Down, Alt+F4, "
                  "Alt+Tab, Ctrl+W, Ctrl+Q, Super)",
                  tok[1].text);
        return 0;
    case SCRIPT_CLOCK:
        if (clock_valid(tok[1].text))
            return 1;
        kiosk_fmt(err, errlen, "clock takes \"YYYY-MM-DDTHH:MM\" or \"THH:MM\"");
        return 0;
    case SCRIPT_SHOT:
        if (tok[1].text[0])
            return 1;
        kiosk_fmt(err, errlen, "shot needs a file name");
        return 0;
    default:
        return 1;
    }
}

/* Fills cmd from tokens; returns 0 with err set on a bad line. */
static int build(struct script_cmd *cmd, struct token *tok, int n, char *err, size_t errlen)
{
    const char *name = tok[0].text;
    size_t k = 0;
    while (k < KIOSK_ARRAY_LEN(commands) && strcmp(commands[k].name, name) != 0)
        k++;
    if (k == KIOSK_ARRAY_LEN(commands)) {
        kiosk_fmt(err, errlen, "unknown command '%s'", name);
        return 0;
    }
    int argc = n - 1;
    if (argc < commands[k].min_args || argc > commands[k].max_args) {
        kiosk_fmt(err, errlen, "'%s' takes %d..%d arguments, not %d", name, commands[k].min_args,
                  commands[k].max_args, argc);
        return 0;
    }
    for (int i = 0; i < argc; i++)
        cmd->args[i] = tok[i + 1].text;
    cmd->argc = (size_t)argc;
    cmd->op = commands[k].op;
    int numbers = commands[k].numbers;
    if (!check_args(cmd, tok, argc, &numbers, err, errlen))
        return 0;
    for (int i = 0; numbers && i < argc; i++) {
        if (!parse_num(tok[i + 1].text, &cmd->num[i])) {
            kiosk_fmt(err, errlen, "'%s' is not a number of pixels or ms", tok[i + 1].text);
            return 0;
        }
    }
    return 1;
}

static void cmd_free(struct script_cmd *c)
{
    for (size_t i = 0; i < c->argc; i++)
        free(c->args[i]);
    free(c->src);
}

void script_free(struct script *s)
{
    for (size_t i = 0; i < s->count; i++)
        cmd_free(&s->cmds[i]);
    free(s->cmds);
    s->cmds = NULL;
    s->count = 0;
}

static int parse_line(struct script *s, const char *line, int lineno, const char *name, char *err,
                      size_t errlen)
{
    struct token tok[SCRIPT_ARGS_MAX + 1];
    char why[300] = "";
    int n = tokenize(line, tok, SCRIPT_ARGS_MAX + 1, why, sizeof why);
    if (n < 0) {
        kiosk_fmt(err, errlen, "%s:%d: %s", name, lineno, why);
        return 0;
    }
    if (n == 0)
        return 1;
    struct script_cmd cmd = {0};
    cmd.line = lineno;
    if (!build(&cmd, tok, n, why, sizeof why)) {
        for (int i = 0; i < n; i++)
            free(tok[i].text);
        kiosk_fmt(err, errlen, "%s:%d: %s", name, lineno, why);
        return 0;
    }
    free(tok[0].text);
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    cmd.src = strdup(p);
    struct script_cmd *more = cmd.src ? realloc(s->cmds, (s->count + 1) * sizeof *more) : NULL;
    if (!more) {
        cmd_free(&cmd);
        kiosk_fmt(err, errlen, "%s:%d: out of memory", name, lineno);
        return 0;
    }
    s->cmds = more;
    s->cmds[s->count++] = cmd;
    return 1;
}

kiosk_status script_parse(const char *text, size_t len, const char *name, struct script *s,
                          char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    size_t pos = 0;
    int lineno = 0;
    char line[4096];
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        size_t n = end - pos;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        if (n >= sizeof line || memchr(text + pos, '\0', n)) {
            kiosk_fmt(err, errlen, "%s:%d: the line is too long or not text", name, lineno);
            script_free(s);
            return KIOSK_E_INVALID;
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos = end + 1;
        if (!parse_line(s, line, lineno, name, err, errlen)) {
            script_free(s);
            return KIOSK_E_INVALID;
        }
    }
    return KIOSK_OK;
}
