/* The export's texts (sheet headings, column names, kioskctl messages) from
 * assets/strings/<lang>/export.tsv through core/i18n, Vietnamese first, and filling their
 * {1}..{9}. Never formats numbers or dates, never writes files. */
#ifndef KIOSK_EXPORT_STRINGS_H
#define KIOSK_EXPORT_STRINGS_H

#include "common.h"

/* Loads the Vietnamese table, then lang's over it ("vi" or "en"; NULL: "vi"). A missing
 * file leaves the keys showing; KIOSK_E_INVALID for a language that is neither. */
kiosk_status export_strings_load(const char *lang);
/* The text for key in the loaded language (loads Vietnamese on first use); the key itself
 * when no table has it. Lives until the next export_strings_load. */
const char *export_tr(const char *key);
/* Fills a text's {1}..{9} with args[0..n) (a missing one stays as written); never a printf
 * format, so a translated text can hold % safely. Returns 1 when out was cut. */
int export_fill(char *out, size_t cap, const char *text, size_t n, const char *const *args);
/* export_fill of export_tr(key) with up to three arguments (NULL ends them). */
const char *export_trf(char *out, size_t cap, const char *key, const char *a1, const char *a2,
                       const char *a3);
/* The language loaded: "vi" or "en". */
const char *export_lang(void);
void export_strings_release(void);

#endif
