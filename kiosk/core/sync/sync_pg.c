/* PostgreSQL sync: connects through libpq (conninfo, URI and PG* environment: TLS, passwords,
 * .pgpass are libpq's own), then in one server transaction: lock, schema, pull what is past
 * this kiosk's marks, push what the server lacks, commit; then one local transaction. */
#include "sync_pg.h"
#include "sync_trust.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* libpq messages run over several lines ("...failed: FATAL:  ...\n\tIs the server
 * running..."): keep the first line, after its "failed: ", without severity words. */
static void one_line(const char *msg, char *out, size_t cap)
{
    const char *p = msg ? msg : "";
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    char line[512];
    if (len >= sizeof line)
        len = sizeof line - 1;
    memcpy(line, p, len);
    line[len] = '\0';
    const char *s = line;
    const char *failed = strstr(s, "failed: ");
    if (failed)
        s = failed + 8;
    static const char *const noise[] = {"FATAL:", "ERROR:"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(noise); i++) {
        if (strncmp(s, noise[i], strlen(noise[i])) == 0)
            s += strlen(noise[i]);
    }
    while (isspace((unsigned char)*s))
        s++;
    kiosk_strlcpy(out, s, cap);
    len = strlen(out);
    while (len && isspace((unsigned char)out[len - 1]))
        out[--len] = '\0';
}

static void set_pg_error(struct pg_sync *p, const char *what, PGresult *r)
{
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char line[512];
    one_line(primary ? primary : PQerrorMessage(p->conn), line, sizeof line);
    kiosk_fmt(p->err, p->errlen, "the server refused %s: %s", what, line);
    kiosk_log(KIOSK_LOG_DEBUG, "sync: %s", p->err);
}

kiosk_status pg_command(struct pg_sync *p, const char *sql, int nparams, const char *const *params)
{
    /* Without parameters, the simple protocol: a migration is several statements. */
    PGresult *r = nparams ? PQexecParams(p->conn, sql, nparams, NULL, params, NULL, NULL, 0)
                          : PQexec(p->conn, sql);
    ExecStatusType es = PQresultStatus(r);
    if (es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK) {
        set_pg_error(p, "the sync", r);
        PQclear(r);
        return PQstatus(p->conn) == CONNECTION_OK ? KIOSK_E_IO : KIOSK_E_UNAVAILABLE;
    }
    PQclear(r);
    return KIOSK_OK;
}

PGresult *pg_query(struct pg_sync *p, const char *sql, int nparams, const char *const *params)
{
    PGresult *r = PQexecParams(p->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType es = PQresultStatus(r);
    if (es != PGRES_TUPLES_OK && es != PGRES_COMMAND_OK) {
        set_pg_error(p, "the sync", r);
        PQclear(r);
        return NULL;
    }
    return r;
}

long pg_cmd_tuples(PGresult *r)
{
    const char *n = PQcmdTuples(r);
    return n && *n ? atol(n) : 0;
}

void pg_mark_key(const char *server_id, int table, const char *what, char *out, size_t cap)
{
    kiosk_fmt(out, cap, "sync.pg.%s.%s.%s", server_id, sync_table_name(table), what);
}

/* Names the server for messages without the conninfo (which may hold a password). */
static void server_name(PGconn *conn, char *out, size_t cap)
{
    const char *host = conn ? PQhost(conn) : NULL;
    const char *db = conn ? PQdb(conn) : NULL;
    const char *port = conn ? PQport(conn) : NULL;
    kiosk_fmt(out, cap, "%s%s%s/%s", host && *host ? host : "localhost", port && *port ? ":" : "",
              port && *port ? port : "", db && *db ? db : "?");
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Defaults a conninfo (or PG* variables) may override (docs/TRUST.md): a server that stalls
 * never stalls a kiosk. keepalives notice a dead link; statement_timeout and lock_timeout end
 * a sync stuck behind another kiosk's lock or a slow query (the server rolls back, the kiosk
 * keeps what it had); TLS verifies the server's certificate and name unless the address says
 * otherwise (sslmode=..., as tests on a local socket do). */
static int pg_defaults(const char **keys, const char **vals)
{
    int n = 0;
    if (!getenv("PGCONNECT_TIMEOUT")) {
        keys[n] = "connect_timeout";
        vals[n++] = "10";
    }
    if (!getenv("PGSSLMODE")) {
        keys[n] = "sslmode";
        vals[n++] = "verify-full";
    }
    if (!getenv("PGOPTIONS")) {
        keys[n] = "options";
        vals[n++] = "-c statement_timeout=120000 -c lock_timeout=30000 "
                    "-c idle_in_transaction_session_timeout=300000";
    }
    static const char *const alive[][2] = {{"keepalives", "1"},
                                           {"keepalives_idle", "30"},
                                           {"keepalives_interval", "10"},
                                           {"keepalives_count", "3"},
                                           {"tcp_user_timeout", "60000"}};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(alive); i++) {
        keys[n] = alive[i][0];
        vals[n++] = alive[i][1];
    }
    return n;
}

/* timeout: NULL, or seconds that win over the conninfo's (a check made while someone waits). */
static PGconn *connect_server(const char *conninfo, const char *timeout, const char **why_key,
                              kiosk_status *st, char *err, size_t errlen)
{
    /* Our defaults come first so that the conninfo and PG* variables override them;
     * client_encoding comes last: the kiosk always speaks UTF-8. */
    const char *keys[13], *vals[13];
    int n = pg_defaults(keys, vals);
    keys[n] = "dbname";
    vals[n++] = conninfo;
    keys[n] = "client_encoding";
    vals[n++] = "UTF8";
    if (timeout) {
        keys[n] = "connect_timeout";
        vals[n++] = timeout;
    }
    keys[n] = NULL;
    vals[n] = NULL;
    if (pq_lazy_load(err, errlen) != KIOSK_OK) {
        *st = KIOSK_E_UNAVAILABLE;
        if (why_key)
            *why_key = "sync.err.other";
        return NULL;
    }
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (conn && PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(conn, ignore_notice, NULL); /* "already exists, skipping" */
        *st = KIOSK_OK;
        return conn;
    }
    char line[512], name[256];
    one_line(conn ? PQerrorMessage(conn) : "out of memory", line, sizeof line);
    server_name(conn, name, sizeof name);
    int auth = conn && (PQconnectionNeedsPassword(conn) || strstr(line, "password") ||
                        strstr(line, "authentication") || strstr(line, "pg_hba.conf"));
    if (auth && PQconnectionNeedsPassword(conn) && !strstr(line, "failed"))
        kiosk_fmt(err, errlen,
                  "the server '%s' wants a password (PGPASSWORD, ~/.pgpass or the conninfo)", name);
    else if (auth)
        kiosk_fmt(err, errlen, "the server '%s' refused the login: %s", name, line);
    else
        kiosk_fmt(err, errlen, "cannot reach the server '%s': %s", name, line);
    *st = auth ? KIOSK_E_DENIED : KIOSK_E_UNAVAILABLE;
    if (why_key)
        *why_key = auth ? "sync.err.auth" : "sync.err.unreachable";
    PQfinish(conn);
    return NULL;
}

static void free_state(struct pg_sync *p)
{
    for (int i = 0; i < SYNC_TABLES; i++) {
        PQclear(p->t[i].newer);
        free(p->t[i].pushed);
    }
    trust_check_free(p->check);
}

/* In the server's transaction, under its lock: how far the pull goes, then the push. */
static kiosk_status server_part(struct pg_sync *p, const char **key)
{
    kiosk_status st = pg_command(p, "BEGIN", 0, NULL);
    if (st == KIOSK_OK)
        st = sync_pg_schema_prepare(p, key);
    if (st == KIOSK_OK)
        st = store_sync_shadow_ensure(p->s, p->err, p->errlen);
    if (st == KIOSK_OK)
        st = pg_pull_cut(p);
    if (st == KIOSK_OK) {
        sync_test_pause();
        st = pg_push_all(p);
    }
    if (st == KIOSK_OK) {
        sync_test_pause();
        st = pg_command(p, "COMMIT", 0, NULL);
    }
    return st;
}

kiosk_status sync_pg_run(store *s, const char *conninfo, struct sync_counts *c,
                         const char **why_key, char *err, size_t errlen)
{
    struct pg_sync p = {0};
    p.s = s;
    p.c = c;
    p.err = err;
    p.errlen = errlen;
    sync_target_hash(conninfo, p.target_hash);
    kiosk_status st;
    p.conn = connect_server(conninfo, NULL, why_key, &st, err, errlen);
    if (!p.conn)
        return st;
    const char *key = "sync.err.server";
    /* This kiosk's rows are sealed before they leave (docs/TRUST.md). */
    st = sync_trust_seal(s, err, errlen);
    if (st == KIOSK_OK)
        st = server_part(&p, &key);
    int committed = st == KIOSK_OK;
    /* The server holds this sync's push now; the pull reads what others had committed before
     * it, in batches that each commit here with their mark. If the kiosk stops in between,
     * the next sync resumes the pull at the last batch's mark and re-sends rows the server
     * ignores (the push marks move only with the last local transaction). */
    if (st == KIOSK_OK) {
        sync_test_pause();
        st = pg_pull_batches(&p);
    }
    if (st == KIOSK_OK) {
        sync_test_pause();
        key = "sync.err.local";
        st = pg_pull_finish(&p);
    }
    if (st != KIOSK_OK) {
        if (why_key)
            *why_key = key;
        if (!err[0])
            kiosk_fmt(err, errlen, "sync stopped: %s", kiosk_status_name(st));
        if (!committed) /* nothing moved: the server rolled back */
            memset(c, 0, sizeof *c);
    }
    free_state(&p);
    PQfinish(p.conn);
    return st;
}

long sync_pg_waiting(store *s, const char *conninfo)
{
    char hkey[64], h[17], server_id[80];
    sync_target_hash(conninfo, h);
    kiosk_fmt(hkey, sizeof hkey, "sync.target.%s", h);
    if (store_meta_get(s, hkey, server_id, sizeof server_id) != KIOSK_OK)
        return -1;
    long total = 0;
    for (int i = 0; i < SYNC_TABLES; i++) {
        const struct sync_table *t = &sync_tables[i];
        int64_t mark = 0;
        if (t->track == SYNC_MARK) {
            char mk[160];
            pg_mark_key(server_id, i, "push", mk, sizeof mk);
            mark = store_meta_get_i64(s, mk, 0);
        }
        total += (long)store_sync_unsent_count(s, t, server_id, mark);
    }
    return total;
}

kiosk_status sync_pg_probe(const char *conninfo, int timeout_s, const char **why_key, char *err,
                           size_t errlen)
{
    char timeout[16];
    kiosk_fmt(timeout, sizeof timeout, "%d", timeout_s > 0 ? timeout_s : 3);
    kiosk_status st;
    PGconn *conn = connect_server(conninfo, timeout, why_key, &st, err, errlen);
    if (conn)
        PQfinish(conn);
    return st;
}
