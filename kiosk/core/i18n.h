/* String tables: every text a person reads, by key, Vietnamese first, English beside it
 * (assets/strings/<lang>/<module>.tsv). It never fails a lookup: a missing key shows as the key. */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include "common.h"

struct i18n;

/* Loads every .tsv file of <strings_dir>/vi/ (the reference) and, when lang is not "vi",
 * of <strings_dir>/<lang>/. A missing folder or a bad line is logged, never fatal: out is
 * always set unless memory runs out (KIOSK_E_NOMEM). */
kiosk_status i18n_open(const char *strings_dir, const char *lang, struct i18n **out);
void i18n_free(struct i18n *t);

/* Switches the current language ("vi", "en"), loading its tables the first time. */
kiosk_status i18n_set_lang(struct i18n *t, const char *lang);
const char *i18n_lang(const struct i18n *t);

/* The text of key in the current language; else the Vietnamese text; else key itself.
 * The pointer lives as long as t. */
const char *i18n_tr(const struct i18n *t, const char *key);
/* 1 when key has a text in some table. */
int i18n_has(const struct i18n *t, const char *key);
/* A plugin's table first (its en column, NULL or empty falls back to its vi column),
 * then the host's tables, then the key. table may be NULL. */
const char *i18n_tr_table(const struct i18n *t, const struct kiosk_string *table, const char *key);

/* Parses one TSV text into the table of lang (exposed for tests and fuzzing). name is
 * what messages call it. Returns the number of strings added. */
size_t i18n_add_tsv(struct i18n *t, const char *lang, const char *text, size_t len,
                    const char *name);

/* Fills the "{name}" placeholders of a string-table text with values (never a printf
 * format: a translated text cannot crash the kiosk); an unknown name stays as written. */
void i18n_fill(const char *tmpl, const char *const names[], const char *const values[], size_t n,
               char *out, size_t cap);

#endif
