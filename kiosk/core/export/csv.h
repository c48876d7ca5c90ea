/* CSV for spreadsheets: a writer (UTF-8 with BOM, CRLF, RFC 4180 quoting, formula cells
 * defused) and a reader for the files coordinators have (BOM or not, comma or semicolon,
 * CRLF or LF, quoted line breaks). Never touches the database; never guesses a charset. */
#ifndef KIOSK_EXPORT_CSV_H
#define KIOSK_EXPORT_CSV_H

#include "common.h"

/* ---- writer ---- */

/* Buffers output for one file descriptor (owned by the caller). The first write error
 * sticks: later calls do nothing and csv_writer_finish reports it. */
struct csv_writer {
    int fd;
    int err;      /* errno of the first failed write, 0 while all went well */
    int row_open; /* a field was written on the current row */
    size_t len;   /* bytes waiting in buf */
    char buf[1 << 16];
};

void csv_writer_init(struct csv_writer *w, int fd);
/* The UTF-8 byte order mark: Excel reads the file as UTF-8 only when it is there. */
void csv_write_bom(struct csv_writer *w);
/* One text field. Quoted when it holds a quote, comma, semicolon, CR or LF; a field that
 * starts with = + - @ TAB or CR gets a leading ' so no spreadsheet runs it as a formula. */
void csv_field(struct csv_writer *w, const char *text);
void csv_field_n(struct csv_writer *w, const char *text, size_t len);
/* A number: written as digits, never escaped (a spreadsheet should sum it). */
void csv_field_int(struct csv_writer *w, long long value);
void csv_field_empty(struct csv_writer *w);
void csv_row_end(struct csv_writer *w); /* CRLF */
/* Writes what is buffered. KIOSK_E_FULL when the disk is full, KIOSK_E_IO otherwise. */
kiosk_status csv_writer_finish(struct csv_writer *w);

/* ---- reader ---- */

/* A record: fields point into the reader's own buffer, valid until the next csv_next. */
struct csv_record {
    char **fields;
    size_t count;
    long line; /* physical line (1-based) where the record starts */
};

enum csv_error {
    CSV_OK = 0,
    CSV_E_QUOTE_OPEN,  /* a quoted field never closes */
    CSV_E_AFTER_QUOTE, /* text after a closing quote, before the separator */
    CSV_E_NOT_UTF8,    /* the file is not UTF-8 (an old Excel "CSV" in a code page) */
    CSV_E_NUL,         /* a NUL byte: not a text file */
};

struct csv_reader {
    const char *data; /* borrowed: the whole file */
    size_t len, pos;
    long line; /* physical line at pos */
    char sep;  /* ',' or ';' (sniffed from the first line) */
    int error; /* enum csv_error of the last csv_next that returned -1 */
    long error_line;
    char *text; /* unescaped fields of the current record, NUL-separated */
    size_t text_cap;
    size_t *offsets;
    size_t offsets_cap;
    char **fields;
    size_t fields_cap;
};

/* Reads from data[0..len) (borrowed; keep it alive). Skips a BOM; picks the separator
 * that occurs more often on the first line outside quotes (comma when tied). */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
void csv_reader_release(struct csv_reader *r);
/* 1: a record in rec; 0: end of data; -1: malformed (r->error, r->error_line).
 * Records whose fields are all blank (Excel's trailing ";;;" lines) are skipped. */
int csv_next(struct csv_reader *r, struct csv_record *rec);
/* An English description of an enum csv_error, for messages. */
const char *csv_error_name(int error);

#endif
