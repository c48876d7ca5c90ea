/* A sync target set on the admin screen (sync.h): a server given as its parts made into a
 * conninfo, the parts read back for the form (never the password), and the check made before a
 * target is saved: the server answers and takes the login, or the file's folder is usable. */
#include "config.h"
#include "store/foreign.h"
#include "sync.h"
#include "sync_internal.h"

#include "sync/pq_lazy.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_CHECK_MS 5000

/* Appends key='value' (\ and ' escaped, as libpq reads them); 0 when it does not fit. */
static int put(char *out, size_t cap, size_t *len, const char *key, const char *value)
{
    if (!value || !*value)
        return 1;
    char buf[600];
    size_t n = 0;
    for (const char *p = value; *p && n + 3 < sizeof buf; p++) {
        if (*p == '\\' || *p == '\'')
            buf[n++] = '\\';
        buf[n++] = *p;
    }
    buf[n] = '\0';
    int w = snprintf(out + *len, cap - *len, "%s%s='%s'", *len ? " " : "", key, buf);
    if (w < 0 || (size_t)w >= cap - *len)
        return 0;
    *len += (size_t)w;
    return 1;
}

/* "name:port" into name and port (an address with several ':' is IPv6: no port taken). */
static int split_port(const char *host, char *name, size_t cap, char *port, size_t pcap)
{
    kiosk_strlcpy(name, host, cap);
    port[0] = '\0';
    char *colon = strrchr(name, ':');
    if (!colon || host[0] == '/' || strchr(name, ':') != colon)
        return 1;
    char *end = NULL;
    long p = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || p < 1 || p > 65535)
        return 0;
    kiosk_fmt(port, pcap, "%ld", p);
    *colon = '\0';
    return 1;
}

static void trim_copy(const char *in, char *out, size_t cap)
{
    while (isspace((unsigned char)*in))
        in++;
    kiosk_strlcpy(out, in, cap);
    size_t n = strlen(out);
    while (n && isspace((unsigned char)out[n - 1]))
        out[--n] = '\0';
}

kiosk_status sync_server_conninfo(const struct sync_server *in, char *out, size_t cap)
{
    char host[256], name[256], port[8], db[64], user[64];
    trim_copy(in->host, host, sizeof host);
    trim_copy(in->dbname, db, sizeof db);
    trim_copy(in->user, user, sizeof user);
    if (cap)
        out[0] = '\0';
    if (!host[0] || !db[0] || !split_port(host, name, sizeof name, port, sizeof port))
        return KIOSK_E_INVALID;
    size_t len = 0;
    int ok = put(out, cap, &len, "host", name) && put(out, cap, &len, "port", port) &&
             put(out, cap, &len, "dbname", db) && put(out, cap, &len, "user", user) &&
             put(out, cap, &len, "password", in->password);
    return ok ? KIOSK_OK : KIOSK_E_INVALID;
}

int sync_conninfo_read(const char *target, struct sync_conninfo *out)
{
    memset(out, 0, sizeof *out);
    if (pq_lazy_load(NULL, 0) != KIOSK_OK)
        return 0;
    PQconninfoOption *opts = PQconninfoParse(target, NULL);
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        if (strcmp(o->keyword, "host") == 0 ||
            (strcmp(o->keyword, "hostaddr") == 0 && !out->host[0]))
            kiosk_strlcpy(out->host, o->val, sizeof out->host);
        else if (strcmp(o->keyword, "port") == 0)
            kiosk_strlcpy(out->port, o->val, sizeof out->port);
        else if (strcmp(o->keyword, "dbname") == 0)
            kiosk_strlcpy(out->dbname, o->val, sizeof out->dbname);
        else if (strcmp(o->keyword, "user") == 0)
            kiosk_strlcpy(out->user, o->val, sizeof out->user);
    }
    PQconninfoFree(opts);
    return 1;
}

void sync_server_parts(const char *target, struct sync_server *out)
{
    struct sync_conninfo c;
    memset(out, 0, sizeof *out);
    if (!target || !sync_target_is_pg(target) || !sync_conninfo_read(target, &c))
        return;
    kiosk_strlcpy(out->dbname, c.dbname, sizeof out->dbname);
    kiosk_strlcpy(out->user, c.user, sizeof out->user);
    if (c.host[0])
        kiosk_fmt(out->host, sizeof out->host, "%s%s%s", c.host, c.port[0] ? ":" : "", c.port);
}

/* 1 when a and b name the same file (the kiosk's own database). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static kiosk_status check_file(const char *path, const char *own_db, const char **why_key,
                               char *err, size_t errlen)
{
    char dir[PATH_MAX];
    kiosk_strlcpy(dir, path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (path[0] != '/' || !slash) {
        kiosk_fmt(err, errlen, "'%s' is not a whole path", path);
        *why_key = "admin.sync.err.folder";
        return KIOSK_E_INVALID;
    }
    *slash = '\0';
    kiosk_status st = config_folder_check(dir[0] ? dir : "/");
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "the folder of '%s' is %s", path,
                  st == KIOSK_E_NOT_FOUND ? "not there" : "not writable");
        *why_key = st == KIOSK_E_NOT_FOUND ? "admin.sync.err.folder" : "admin.sync.err.readonly";
        return st;
    }
    if (same_file(path, own_db)) {
        kiosk_fmt(err, errlen, "'%s' is this kiosk's own database", path);
        *why_key = "sync.err.same_file";
        return KIOSK_E_INVALID;
    }
    st = store_foreign_check(path, FILE_CHECK_MS, err, errlen);
    if (st != KIOSK_OK)
        *why_key = "sync.err.not_kiosk";
    return st;
}

kiosk_status sync_target_check(const char *target, const char *own_db, int timeout_s,
                               const char **why_key, char *err, size_t errlen)
{
    const char *scratch = NULL;
    if (!why_key)
        why_key = &scratch;
    *why_key = NULL;
    if (errlen)
        err[0] = '\0';
    if (!target || !*target) {
        *why_key = "sync.err.other";
        return KIOSK_E_INVALID;
    }
    if (sync_target_is_pg(target))
        return sync_pg_probe(target, timeout_s, why_key, err, errlen);
    return check_file(target, own_db, why_key, err, errlen);
}
