/* Fuzz target: the settings reader (kiosk.ini) on any text. It never crashes or reads
 * outside the data, and whatever the file says, every known key ends up with a value its
 * type accepts (a bad line keeps the default and is reported with its line). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        kiosk_log_set_level(KIOSK_LOG_ERROR); /* each bad line is a warning */
        quiet = 1;
    }
    struct config *c = config_new();
    if (!c)
        return 0;
    char *copy = malloc(size ? size : 1);
    if (!copy) {
        config_free(c);
        return 0;
    }
    memcpy(copy, data, size);
    config_parse(c, copy, size, "fuzz.ini");
    size_t n = 0;
    const struct config_key *keys = config_keys(&n);
    for (size_t i = 0; i < n; i++) {
        const char *v = config_get(c, keys[i].key);
        char why[256];
        if (!v || (v[0] && !config_value_valid(&keys[i], v, why, sizeof why))) {
            fprintf(stderr, "config: '%s' = '%s' kept though %s\n", keys[i].key, v ? v : "(null)",
                    v ? why : "missing");
            abort();
        }
        if (keys[i].type == CONFIG_INT && v[0]) {
            long x = config_get_int(c, keys[i].key);
            if (x < keys[i].min || x > keys[i].max)
                abort();
        }
    }
    for (size_t i = 0; i < config_issue_count(c); i++)
        if (!config_issue(c, i) || !config_issue(c, i)[0])
            abort();
    config_free(c);
    free(copy);
    return 0;
}
