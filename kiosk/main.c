/* kiosk: the fullscreen runtime (INTERFACE.md). Parses the command line and hands over
 * to the runtime (host/app.c) or the script player (host/script.c). */
#include "host/app.h"
#include "host/script.h"
#include "sdl/sdl_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_USAGE = 2 };

static const struct {
    const char *option;
    const char *arg;
    const char *doc;
} options[] = {
    /* option          argument   what it does */
    {"--db", "PATH", "the kiosk's SQLite file (default $XDG_DATA_HOME/kiosk/kiosk.db)"},
    {"--config", "PATH",
     "settings file (default $XDG_CONFIG_HOME/kiosk/kiosk.ini, then "
     "/etc/kiosk/kiosk.ini)"},
    {"--plugin-dir", "DIR", "where plugins are loaded from (default: the installed dir)"},
    {"--window", "WxH", "a window of that size instead of fullscreen"},
    {"--lang", "vi|en", "language of the screens (default vi)"},
    {"--demo", NULL, "fill a new database with the demo program"},
    {"--script", "FILE",
     "play a script (taps, keys, scans, expects) on kiosk time; exit 0 if every line held, else 1"},
    {"--check-config", NULL, "report every problem of the settings file; exit 1 if any"},
    {"--sample-config", NULL, "print every setting with its default and doc, as an INI file"},
    {"--version", NULL, "print the version"},
    {"--help", NULL, "this help"},
};

static void usage(FILE *to)
{
    fprintf(to, "usage: kiosk [options]\n");
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(options); i++) {
        char left[40];
        kiosk_fmt(left, sizeof left, "%s%s%s", options[i].option, options[i].arg ? " " : "",
                  options[i].arg ? options[i].arg : "");
        fprintf(to, "  %-22s %s\n", left, options[i].doc);
    }
}

static int needs_value(int argc, char **argv, int i)
{
    if (i + 1 < argc)
        return 1;
    fprintf(stderr, "kiosk: '%s' needs a value\n", argv[i]);
    return 0;
}

static int check_config(const struct app_opts *o)
{
    kiosk_log_set_level(KIOSK_LOG_ERROR); /* the issues are printed once, below */
    struct config *c = app_load_config(o);
    if (!c) {
        fprintf(stderr, "kiosk: out of memory\n");
        return 1;
    }
    size_t n = config_issue_count(c);
    for (size_t i = 0; i < n; i++)
        printf("%s\n", config_issue(c, i));
    if (n == 0)
        printf("settings '%s': ok\n", config_path(c)[0] ? config_path(c) : "(none: defaults)");
    config_free(c);
    return n ? 1 : 0;
}

/* An option with a value (--db PATH...): into o; 0, else EXIT_USAGE after saying why. */
static int value_option(const char *a, const char *v, struct app_opts *o)
{
    if (strcmp(a, "--db") == 0) {
        o->db_path = v;
    } else if (strcmp(a, "--config") == 0) {
        o->config_path = v;
    } else if (strcmp(a, "--plugin-dir") == 0) {
        o->plugin_dir = v;
    } else if (strcmp(a, "--script") == 0) {
        o->script_path = v;
    } else if (strcmp(a, "--lang") == 0) {
        if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0) {
            fprintf(stderr, "kiosk: --lang takes vi or en, not '%s'\n", v);
            return EXIT_USAGE;
        }
        o->lang = v;
    } else {
        char tail;
        if (sscanf(v, "%dx%d%c", &o->width, &o->height, &tail) != 2 || o->width < 320 ||
            o->height < 240) {
            fprintf(stderr, "kiosk: --window takes WxH (at least 320x240), not '%s'\n", v);
            return EXIT_USAGE;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct app_opts o = {.backend = &sdl_backend_ops};
    int check = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("kiosk %s\n", kiosk_version());
            return 0;
        } else if (strcmp(a, "--demo") == 0) {
            o.demo = 1;
        } else if (strcmp(a, "--check-config") == 0) {
            check = 1;
        } else if (strcmp(a, "--sample-config") == 0) {
            config_write_sample(stdout);
            return 0;
        } else if (strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0 ||
                   strcmp(a, "--plugin-dir") == 0 || strcmp(a, "--window") == 0 ||
                   strcmp(a, "--lang") == 0 || strcmp(a, "--script") == 0) {
            if (!needs_value(argc, argv, i))
                return EXIT_USAGE;
            if (value_option(a, argv[++i], &o) != 0)
                return EXIT_USAGE;
        } else {
            fprintf(stderr, "kiosk: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (check)
        return check_config(&o);
    struct app *app = NULL;
    int rc = app_open(&o, &app);
    if (rc != 0)
        return rc;
    rc = o.script_path ? script_run_file(app, o.script_path) : app_run(app);
    app_clean_exit(app);
    app_close(app);
    return rc;
}
