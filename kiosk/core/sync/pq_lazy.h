/* libpq, opened on first use (lazy_lib.h): a kiosk that never syncs with a PostgreSQL server
 * never maps it, nor the OpenSSL, GnuTLS, Kerberos and LDAP libraries it pulls in (~5 MB).
 * Never a query of its own.
 *
 * The sync's files call libpq by its own names: each name below is a macro calling through
 * the table, so a new call needs its name in PQ_FUNCS and a line below (a name left out
 * fails the kiosk's link, never a run). pq_lazy_load comes first: before PQconnectdbParams
 * and PQconninfoParse, the only ways in. */
#ifndef KIOSK_SYNC_PQ_LAZY_H
#define KIOSK_SYNC_PQ_LAZY_H

#include "lazy_lib.h"

#include <libpq-fe.h>

#define PQ_FUNCS(X)                                                                                \
    X(PQclear)                                                                                     \
    X(PQcmdTuples)                                                                                 \
    X(PQconsumeInput)                                                                              \
    X(PQconnectdbParams)                                                                           \
    X(PQconnectionNeedsPassword)                                                                   \
    X(PQconninfoFree)                                                                              \
    X(PQconninfoParse)                                                                             \
    X(PQdb)                                                                                        \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQfinish)                                                                                    \
    X(PQfreemem)                                                                                   \
    X(PQgetCopyData)                                                                               \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQhost)                                                                                      \
    X(PQisBusy)                                                                                    \
    X(PQntuples)                                                                                   \
    X(PQport)                                                                                      \
    X(PQputCopyData)                                                                               \
    X(PQputCopyEnd)                                                                                \
    X(PQresultErrorField)                                                                          \
    X(PQresultStatus)                                                                              \
    X(PQsendQuery)                                                                                 \
    X(PQsocket)                                                                                    \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQstatus)                                                                                    \
    X(PQunescapeBytea)

struct pq_fns {
    PQ_FUNCS(LAZY_MEMBER)
};
extern struct pq_fns pq_fn;

/* Loads libpq once; KIOSK_E_UNAVAILABLE (err says what to install) when it cannot. */
kiosk_status pq_lazy_load(char *err, size_t errlen);

/* Function-like, so only calls are redirected (the table's member names stay as they are). */
#define PQclear(...) pq_fn.PQclear(__VA_ARGS__)
#define PQcmdTuples(...) pq_fn.PQcmdTuples(__VA_ARGS__)
#define PQisBusy(...) pq_fn.PQisBusy(__VA_ARGS__)
#define PQsendQuery(...) pq_fn.PQsendQuery(__VA_ARGS__)
#define PQconsumeInput(...) pq_fn.PQconsumeInput(__VA_ARGS__)
#define PQconnectdbParams(...) pq_fn.PQconnectdbParams(__VA_ARGS__)
#define PQconnectionNeedsPassword(...) pq_fn.PQconnectionNeedsPassword(__VA_ARGS__)
#define PQconninfoFree(...) pq_fn.PQconninfoFree(__VA_ARGS__)
#define PQconninfoParse(...) pq_fn.PQconninfoParse(__VA_ARGS__)
#define PQdb(...) pq_fn.PQdb(__VA_ARGS__)
#define PQerrorMessage(...) pq_fn.PQerrorMessage(__VA_ARGS__)
#define PQexec(...) pq_fn.PQexec(__VA_ARGS__)
#define PQexecParams(...) pq_fn.PQexecParams(__VA_ARGS__)
#define PQfinish(...) pq_fn.PQfinish(__VA_ARGS__)
#define PQfreemem(...) pq_fn.PQfreemem(__VA_ARGS__)
#define PQgetCopyData(...) pq_fn.PQgetCopyData(__VA_ARGS__)
#define PQgetResult(...) pq_fn.PQgetResult(__VA_ARGS__)
#define PQgetisnull(...) pq_fn.PQgetisnull(__VA_ARGS__)
#define PQgetlength(...) pq_fn.PQgetlength(__VA_ARGS__)
#define PQgetvalue(...) pq_fn.PQgetvalue(__VA_ARGS__)
#define PQhost(...) pq_fn.PQhost(__VA_ARGS__)
#define PQntuples(...) pq_fn.PQntuples(__VA_ARGS__)
#define PQport(...) pq_fn.PQport(__VA_ARGS__)
#define PQputCopyData(...) pq_fn.PQputCopyData(__VA_ARGS__)
#define PQputCopyEnd(...) pq_fn.PQputCopyEnd(__VA_ARGS__)
#define PQresultErrorField(...) pq_fn.PQresultErrorField(__VA_ARGS__)
#define PQresultStatus(...) pq_fn.PQresultStatus(__VA_ARGS__)
#define PQsocket(...) pq_fn.PQsocket(__VA_ARGS__)
#define PQsetNoticeProcessor(...) pq_fn.PQsetNoticeProcessor(__VA_ARGS__)
#define PQstatus(...) pq_fn.PQstatus(__VA_ARGS__)
#define PQunescapeBytea(...) pq_fn.PQunescapeBytea(__VA_ARGS__)

#endif
