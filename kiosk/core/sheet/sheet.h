/* A spreadsheet as rows of text cells, from a CSV or an XLSX file, for the importers (roster,
 * program): they read cells, never a file format. A row keeps the line a person finds it
 * at (the CSV's physical line, the XLSX's row number), for "FILE:LINE: reason" messages.
 * Blank rows are left out. Never touches the database. */
#ifndef KIOSK_SHEET_SHEET_H
#define KIOSK_SHEET_SHEET_H

#include "common.h"

struct sheet_row {
    long line;
    char **cells; /* count texts, UTF-8, "" for an empty cell */
    size_t count;
};

struct sheet {
    char name[128]; /* the XLSX sheet's name; "" for a CSV */
    struct sheet_row *rows;
    size_t count;
};

struct sheet_book {
    struct sheet *sheets;
    size_t count;
};

/* Why a file could not be read as a table (the line, when it has one, in *line). */
enum sheet_error {
    SHEET_OK = 0,
    SHEET_E_NOMEM,
    SHEET_E_QUOTE_OPEN,  /* CSV: a quoted field never closes */
    SHEET_E_AFTER_QUOTE, /* CSV: text after a closing quote */
    SHEET_E_NOT_UTF8,    /* CSV: not UTF-8 */
    SHEET_E_NOT_TEXT,    /* CSV: a NUL byte */
    SHEET_E_NOT_XLSX,    /* not a zip, or a zip without a workbook */
    SHEET_E_DAMAGED,     /* XLSX: a part is not well-formed XML, or a zip error */
    SHEET_E_TOO_BIG,     /* XLSX: too many parts, a part or the whole unpacks too big */
    SHEET_E_RATIO,       /* XLSX: a part compressed more than any spreadsheet is */
    SHEET_E_UNAVAILABLE, /* XLSX: libzip or expat cannot be loaded */
};

/* Limits an XLSX file must keep (a zip bomb breaks one of them). */
enum {
    SHEET_XLSX_MAX_ENTRIES = 1000,
    SHEET_XLSX_MAX_PART = 64 << 20,   /* bytes of one unpacked part */
    SHEET_XLSX_MAX_TOTAL = 256 << 20, /* bytes of all the parts read */
    SHEET_XLSX_MAX_RATIO = 200,       /* unpacked / packed, for parts over 1 MiB */
};

/* A CSV file (data[0..len), kept by the caller) as a one-sheet book: BOM, comma or semicolon,
 * quoted line breaks (csv.h). On failure *line is where (0: the file). */
int sheet_read_csv(const char *data, size_t len, struct sheet_book *out, long *line);
/* An XLSX file as a book, one sheet each in the workbook's order: shared and inline strings,
 * numbers (as "%.15g"), booleans (1/0), formulas' cached values, and date cells (numbers
 * under a date format, 1900 or 1904 system) as "dd/mm/yyyy", "dd/mm/yyyy HH:MM" or "HH:MM".
 * detail gets a few words for a person (the part, a size) on failure. */
int sheet_read_xlsx(const void *data, size_t len, struct sheet_book *out, char *detail, size_t cap);
/* "PK\3\4" at the start: a zip (an XLSX, or another zip). */
int sheet_looks_zip(const void *data, size_t len);
/* The text of a serial date: days since the 1900 (date1904 0) or 1904 system's start, the
 * fraction a time. has_date/has_time say which parts to write. */
void sheet_serial_text(double serial, int date1904, int has_date, int has_time, char *out,
                       size_t cap);
void sheet_book_release(struct sheet_book *b);
/* XLSX when data is a zip, else CSV. */
int sheet_read_any(const char *data, size_t len, struct sheet_book *out, long *line, char *detail,
                   size_t cap);
/* Which place a column heading names, the heading as vn_fold leaves it ("Xã/Phường" ->
 * "xa phuong"); the roster and the program sheet share this list. */
enum sheet_place {
    SHEET_PLACE_NONE,
    SHEET_PLACE_COMMUNE,
    SHEET_PLACE_DISTRICT,
    SHEET_PLACE_PROVINCE
};
enum sheet_place sheet_place_heading(const char *folded);
/* A column a sheet may have: its field and every heading that names it, as vn_fold leaves
 * them ("Họ và tên" -> "ho va ten"), separated by '|'. */
struct sheet_heading {
    int field;
    const char *folded;
};
/* What a sheet calls the columns every sheet shares. */
struct sheet_fields {
    int empty;    /* a blank heading */
    int ignore;   /* the row number: STT */
    int commune;  /* Xã/Phường */
    int district; /* Quận/Huyện */
    int province; /* Tỉnh/Thành phố */
};
/* The field a heading names: the sheet's own table first, then the shared headings; -1 when
 * none does. */
int sheet_heading_field(const char *heading, const struct sheet_heading *table, size_t n,
                        const struct sheet_fields *f);
/* A sentence for error (detail as sheet_read_xlsx left it), in the export's language. */
const char *sheet_error_text(int error, const char *detail, char *out, size_t cap);

#endif
