/* kgbuild.serialize's Turtle writer in C: an optional speed-up.
 *
 * The Python code is the reference: rows spelt as kgbuild.serialize.union_rows spells
 * them and laid out as kgbuild.serialize._lay_out_py lays them out, byte for byte
 * (tests/test_serialize.py compares the two on random graphs), because those loops run
 * once per triple and in Python cost more than Oxigraph's whole Turtle dump.  Without
 * a C compiler kgbuild installs without this module and uses the Python code.
 *
 * turtle_of_ntriples(data, indent, namespaces, used) -> (bytes, int) | None
 *   both of the below in one go, without a Python object per row: the statements of
 *   data laid out (the last one left open), and how many distinct statements there were;
 *   None if data holds an RDF 1.2 triple term
 *
 * rows_of_ntriples(data) -> list[bytes]
 *   data:       N-Triples lines ("<s> <p> o .") or statements ("<s> <p> o"), one per line,
 *               spelt as Oxigraph spells them; no RDF 1.2 triple terms
 *   returns the distinct rows, sorted, spelt as kgbuild.serialize.union_rows spells them
 *   (the cells Oxigraph's SPARQL TSV writer gives, control characters escaped)
 *
 * lay_out(rows, indent, namespaces, used) -> bytes
 *   rows:       sorted list of bytes "s\tp\to" (Turtle terms in UTF-8; p is "!" for rdf:type)
 *   indent:     bytes put before each line
 *   namespaces: list of (namespace IRI bytes, "prefix:" bytes, prefix str)
 *   used:       set; the prefix str of every namespace a name was made from is added
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define WIDTH 100
#define MAX_PIECES 3

typedef struct {
    const char *ns;
    Py_ssize_t ns_len;
    const char *spelt;
    Py_ssize_t spelt_len;
    PyObject *prefix;
    int used;
} Namespace;

typedef struct {
    const char *at[MAX_PIECES];
    Py_ssize_t len[MAX_PIECES];
    int n;
} Name;

typedef struct {
    char *data;
    Py_ssize_t len, cap;
    PyObject *bytes; /* the bytes object data is in, for a buffer that becomes one, else NULL */
} Buffer;

static int grow(Buffer *b, Py_ssize_t n) {
    Py_ssize_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + n) cap *= 2;
    if (b->bytes != NULL) {
        if (_PyBytes_Resize(&b->bytes, cap) < 0) return -1;
        b->data = PyBytes_AS_STRING(b->bytes);
    } else {
        char *grown = PyMem_Realloc(b->data, cap);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->data = grown;
    }
    b->cap = cap;
    return 0;
}

/* A buffer that becomes a bytes object (without copying what it holds, which for a
 * whole graph's file is tens of megabytes): cap is a first guess at its size. */
static int open_bytes(Buffer *b, Py_ssize_t cap) {
    b->bytes = PyBytes_FromStringAndSize(NULL, cap);
    if (b->bytes == NULL) return -1;
    b->data = PyBytes_AS_STRING(b->bytes);
    b->len = 0;
    b->cap = cap;
    return 0;
}

/* The bytes object of a buffer open_bytes opened (a new reference), or NULL. */
static PyObject *close_bytes(Buffer *b) {
    PyObject *bytes = b->bytes;
    b->bytes = NULL;
    if (bytes != NULL && _PyBytes_Resize(&bytes, b->len) < 0) return NULL;
    return bytes;
}

static inline int put(Buffer *b, const char *s, Py_ssize_t n) {
    if (b->len + n > b->cap && grow(b, n) < 0) return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

static int put_name(Buffer *b, const Name *name) {
    for (int i = 0; i < name->n; i++)
        if (put(b, name->at[i], name->len[i]) < 0) return -1;
    return 0;
}

/* Characters (code points) of UTF-8 text: bytes that do not continue a sequence. */
static Py_ssize_t width_of(const char *s, Py_ssize_t n) {
    Py_ssize_t w = 0;
    for (Py_ssize_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static Py_ssize_t name_width(const Name *name) {
    Py_ssize_t w = 0;
    for (int i = 0; i < name->n; i++) w += width_of(name->at[i], name->len[i]);
    return w;
}

static void one_piece(Name *name, const char *s, Py_ssize_t n) {
    name->n = 1;
    name->at[0] = s;
    name->len[0] = n;
}

static void add_piece(Name *name, const char *s, Py_ssize_t n) {
    name->at[name->n] = s;
    name->len[name->n] = n;
    name->n++;
}

/* 1: a byte a plain local name may start with ([A-Za-z0-9_]), 2: one it may go on with ("-" too),
 * 4: one that ends a namespace ("/", "#"). */
static const unsigned char LOCAL[256] = {
    ['0' ... '9'] = 3, ['A' ... 'Z'] = 3, ['a' ... 'z'] = 3, ['_'] = 3, ['-'] = 2, ['/'] = 4, ['#'] = 4,
};

/* _Names._iri: "<ns local>" as "prefix:local" when ns is known and local is plain,
 * appended to name; else the cell itself.  Returns -1 on a Python error. */
static int iri_name(Name *name, const char *cell, Py_ssize_t n, Namespace *spaces, Py_ssize_t count,
                    PyObject *used) {
    /* One pass back from the ">" to the last "/" or "#": where the local name starts, and
     * whether it is plain (the first character checked apart below). */
    Py_ssize_t cut = n - 1;
    unsigned char plain = 3;
    for (; cut > 0; cut--) {
        unsigned char f = LOCAL[(unsigned char)cell[cut - 1]];
        if (f & 4) break;
        plain &= f;
    }
    Py_ssize_t local_len = n - 1 - cut;
    Namespace *found = NULL;
    if (plain && local_len > 0 && (LOCAL[(unsigned char)cell[cut]] & 1)) {
        /* (the namespace found last first: a row's cells, and neighbouring rows, share them) */
        static Py_ssize_t last = 0; /* (an index, right for any table: at worst a miss) */
        Py_ssize_t ns_len = cut > 1 ? cut - 1 : 0;
        if (last < count && spaces[last].ns_len == ns_len && memcmp(spaces[last].ns, cell + 1, ns_len) == 0)
            found = &spaces[last];
        for (Py_ssize_t k = 0; found == NULL && k < count; k++) {
            if (spaces[k].ns_len == ns_len && memcmp(spaces[k].ns, cell + 1, ns_len) == 0) {
                found = &spaces[k];
                last = k;
            }
        }
    }
    if (found == NULL) {
        add_piece(name, cell, n);
        return 0;
    }
    if (!found->used) {
        if (PySet_Add(used, found->prefix) < 0) return -1;
        found->used = 1;
    }
    add_piece(name, found->spelt, found->spelt_len);
    add_piece(name, cell + cut, local_len);
    return 0;
}

/* _Names.name: IRIs and typed literals' datatypes abbreviated, anything else as it is. */
static int cell_name(Name *name, const char *cell, Py_ssize_t n, Namespace *spaces, Py_ssize_t count,
                     PyObject *used) {
    name->n = 0;
    if (n > 1 && cell[0] == '<' && cell[1] != '<') return iri_name(name, cell, n, spaces, count, used);
    if (n > 0 && cell[0] == '"' && cell[n - 1] == '>') {
        for (Py_ssize_t at = n - 4; at >= 0; at--) {
            if (memcmp(cell + at, "\"^^<", 4) == 0) {
                add_piece(name, cell, at + 3);
                return iri_name(name, cell + at + 3, n - at - 3, spaces, count, used);
            }
        }
    }
    one_piece(name, cell, n);
    return 0;
}

static const char RDF_TYPE[] = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

/* A row: its three cells, each in the caller's text or in a buffer of cells respelt. */
typedef struct {
    const char *cell[3]; /* (a respelt cell's offset in that buffer, which may move, until all rows are made) */
    Py_ssize_t len[3];
    unsigned char respelt; /* bit k: cell k is in that buffer */
    unsigned char change;  /* the first cell in which a sorted row differs from the one before: 0, 1 or 2 */
} Row;

static int compare_rows(const Row *x, const Row *y);

/* A row's cells from "s\tp\to"; -1 with ValueError set unless it holds exactly three. */
static int find_cells(Row *row, const char *s, Py_ssize_t n) {
    const char *t1 = memchr(s, '\t', n);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (t1 + 1 - s)) : NULL;
    if (t2 == NULL || memchr(t2 + 1, '\t', n - (t2 + 1 - s)) != NULL) {
        PyErr_SetString(PyExc_ValueError, "a row must hold three tab-separated cells");
        return -1;
    }
    row->cell[0] = s;
    row->len[0] = t1 - s;
    row->cell[1] = t1 + 1;
    row->len[1] = t2 - t1 - 1;
    row->cell[2] = t2 + 1;
    row->len[2] = n - (t2 + 1 - s);
    return 0;
}

/* The namespaces argument as a table; NULL (with an exception set) if it is malformed. */
static Namespace *namespace_table(PyObject *namespaces) {
    Py_ssize_t count = PyList_GET_SIZE(namespaces);
    Namespace *spaces = PyMem_Calloc(count ? count : 1, sizeof(Namespace));
    if (spaces == NULL) return (Namespace *)PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PyList_GET_ITEM(namespaces, k);
        PyObject *ns, *spelt, *prefix;
        if (!PyTuple_Check(item) || !PyArg_ParseTuple(item, "SSU", &ns, &spelt, &prefix)) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "namespaces must be (bytes, bytes, str) tuples");
            PyMem_Free(spaces);
            return NULL;
        }
        spaces[k].ns = PyBytes_AS_STRING(ns);
        spaces[k].ns_len = PyBytes_GET_SIZE(ns);
        spaces[k].spelt = PyBytes_AS_STRING(spelt);
        spaces[k].spelt_len = PyBytes_GET_SIZE(spelt);
        spaces[k].prefix = prefix;
    }
    return spaces;
}

/* A subject cell's name: "!" is rdf:type (a TriG row's subject) spelt out. */
static int subject_name(Name *name, const char *s, Py_ssize_t n, Namespace *spaces, Py_ssize_t count, PyObject *used) {
    if (n == 1 && s[0] == '!') return cell_name(name, RDF_TYPE, sizeof(RDF_TYPE) - 1, spaces, count, used);
    return cell_name(name, s, n, spaces, count, used);
}

/* A predicate cell's name: "!" is rdf:type, "a". */
static int predicate_name(Name *name, const char *p, Py_ssize_t n, Namespace *spaces, Py_ssize_t count,
                          PyObject *used) {
    if (n == 1 && p[0] == '!') {
        one_piece(name, "a", 1);
        return 0;
    }
    return cell_name(name, p, n, spaces, count, used);
}

/* The layout of sorted rows into out; -1 with an exception set on failure. */
static int lay_out_rows(Buffer *out, Row *const *rows, Py_ssize_t total, const char *indent, Py_ssize_t indent_len,
                        Namespace *spaces, Py_ssize_t count, PyObject *used) {
    /* "    " after the indent for a predicate, "        " for a wrapped object. */
    Py_ssize_t margin = width_of(indent, indent_len);
    int subject_line = 0;
    Py_ssize_t width = 0;
    Name on, pn, sn;
    on.n = 0;
    for (Py_ssize_t r = 0; r < total; r++) {
        const char *s = rows[r]->cell[0], *p = rows[r]->cell[1], *o = rows[r]->cell[2];
        Py_ssize_t s_len = rows[r]->len[0], p_len = rows[r]->len[1], o_len = rows[r]->len[2];

        int change = r ? rows[r]->change : 0;
        if (change == 2) {
            /* one more object on the line: "on" is still the previous one */
            if (!width) {
                if (predicate_name(&pn, p, p_len, spaces, count, used) < 0) return -1;
                width = name_width(&on) + name_width(&pn) + margin;
                if (subject_line) {
                    if (subject_name(&sn, s, s_len, spaces, count, used) < 0) return -1;
                    width += name_width(&sn) + 2;
                } else {
                    width += 5;
                }
            }
            if (cell_name(&on, o, o_len, spaces, count, used) < 0) return -1;
            Py_ssize_t w = name_width(&on);
            width += w + 2;
            if (width > WIDTH) {
                if (put(out, ",\n", 2) < 0 || put(out, indent, indent_len) < 0 || put(out, "        ", 8) < 0)
                    return -1;
                width = margin + 8 + w;
            } else if (put(out, ", ", 2) < 0) {
                return -1;
            }
            if (put_name(out, &on) < 0) return -1;
            continue;
        }
        if (cell_name(&on, o, o_len, spaces, count, used) < 0) return -1;
        width = 0;
        if (predicate_name(&pn, p, p_len, spaces, count, used) < 0) return -1;
        if (change == 1) {
            if (put(out, " ;\n", 3) < 0 || put(out, indent, indent_len) < 0 || put(out, "    ", 4) < 0) return -1;
            subject_line = 0;
        } else {
            if (r && put(out, " .\n\n", 4) < 0) return -1;
            if (subject_name(&sn, s, s_len, spaces, count, used) < 0) return -1;
            if (put(out, indent, indent_len) < 0 || put_name(out, &sn) < 0 || put(out, " ", 1) < 0) return -1;
            subject_line = 1;
        }
        if (put_name(out, &pn) < 0 || put(out, " ", 1) < 0 || put_name(out, &on) < 0) return -1;
    }
    return 0;
}

static PyObject *lay_out(PyObject *self, PyObject *args) {
    PyObject *rows, *namespaces, *used;
    const char *indent;
    Py_ssize_t indent_len;
    if (!PyArg_ParseTuple(args, "O!y#O!O!", &PyList_Type, &rows, &indent, &indent_len, &PyList_Type, &namespaces,
                          &PySet_Type, &used))
        return NULL;
    Py_ssize_t total = PyList_GET_SIZE(rows);
    Namespace *spaces = namespace_table(namespaces);
    Row *cells = PyMem_Malloc((total ? total : 1) * sizeof(Row));
    Row **order = PyMem_Malloc((total ? total : 1) * sizeof(Row *));
    Buffer out = {NULL, 0, 0};
    PyObject *result = NULL;
    if (spaces == NULL || cells == NULL || order == NULL) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t r = 0; r < total; r++) {
        PyObject *row = PyList_GET_ITEM(rows, r);
        if (!PyBytes_Check(row)) {
            PyErr_SetString(PyExc_TypeError, "rows must be bytes");
            goto done;
        }
        if (find_cells(&cells[r], PyBytes_AS_STRING(row), PyBytes_GET_SIZE(row)) < 0) goto done;
        order[r] = &cells[r];
        /* (a repeated row is one more object, as the Python layout has it) */
        int c = r ? compare_rows(order[r - 1], order[r]) : -1;
        cells[r].change = c == 0 ? 2 : (unsigned char)((c < 0 ? -c : c) - 1);
    }
    if (lay_out_rows(&out, order, total, indent, indent_len, spaces, PyList_GET_SIZE(namespaces), used) == 0)
        result = PyBytes_FromStringAndSize(out.data ? out.data : "", out.len);
done:
    PyMem_Free(out.data);
    PyMem_Free(order);
    PyMem_Free(cells);
    PyMem_Free(spaces);
    return result;
}

/* --- N-Triples to rows ---------------------------------------------------------------- */

static const char HEX[] = "0123456789ABCDEF";

/* Bytes put_escaped must look at: C0, DEL, the lead bytes of C1 (0xC2) and of U+2028
 * and U+2029 (0xE2), and the backslash of an escape. */
static const unsigned char SPECIAL[256] = {
    [0x00 ... 0x1F] = 1, ['\\'] = 1, [0x7F] = 1, [0xC2] = 1, [0xE2] = 1,
};

/* The index of the first byte from i on that SPECIAL marks, or n: sixteen bytes at a
 * time where SSE2 is there (all x86-64), as this scan covers every byte of the data. */
static inline Py_ssize_t next_special(const char *s, Py_ssize_t i, Py_ssize_t n) {
#if defined(__SSE2__)
    const __m128i c0 = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8((char)0xC2),
                  e2 = _mm_set1_epi8((char)0xE2), bs = _mm_set1_epi8('\\');
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, c0), x),
                                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, c2)),
                                                _mm_or_si128(_mm_cmpeq_epi8(x, e2), _mm_cmpeq_epi8(x, bs))));
        int mask = _mm_movemask_epi8(hit);
        if (mask) return i + __builtin_ctz(mask);
    }
#endif
    while (i < n && !SPECIAL[(unsigned char)s[i]]) i++;
    return i;
}

/* Put text, writing the characters kgbuild escapes in Turtle (C0 and DEL, which only
 * occur escaped in N-Triples but for tab, LF and CR; C1; U+2028 and U+2029) as \uXXXX.
 * In a literal's string, N-Triples' \b and \f become \u0008 and \u000C: Oxigraph's TSV
 * cells hold those raw, and the writer escapes raw control characters that way. */
static int put_escaped(Buffer *b, const char *s, Py_ssize_t n, int in_string) {
    /* With b NULL, only whether anything would be respelt: 1 if so, else 0. */
    Py_ssize_t run = 0; /* start of the bytes not yet put */
    char u[6] = {'\\', 'u', '0', '0', '0', '0'};
    for (Py_ssize_t i = 0; i < n; i++) {
        i = next_special(s, i, n);
        if (i == n) break;
        unsigned char c = (unsigned char)s[i];
        int code = -1, skip = 1;
        if (c < 0x20 || c == 0x7F) {
            code = c;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F) {
            code = (unsigned char)s[i + 1];
            skip = 2;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            code = (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029;
            skip = 3;
        } else if (c == '\\' && in_string && i + 1 < n) {
            if (s[i + 1] == 'b' || s[i + 1] == 'f') {
                code = s[i + 1] == 'b' ? 0x08 : 0x0C;
                skip = 2;
            } else {
                i++; /* an escape kept as it is: its second character is not a delimiter */
                continue;
            }
        }
        if (code < 0) continue;
        if (b == NULL) return 1;
        if (put(b, s + run, i - run) < 0) return -1;
        u[2] = HEX[(code >> 12) & 15];
        u[3] = HEX[(code >> 8) & 15];
        u[4] = HEX[(code >> 4) & 15];
        u[5] = HEX[code & 15];
        if (put(b, u, 6) < 0) return -1;
        i += skip - 1;
        run = i + 1;
    }
    return b == NULL ? 0 : put(b, s + run, n - run);
}

/* Cell k of row is s as it stands, in the caller's text. */
static void keep_cell(Row *row, int k, const char *s, Py_ssize_t n) {
    row->cell[k] = s;
    row->len[k] = n;
}

/* Cell k of row is respelt: what is put into side from now until close_respelt. */
static void open_respelt(Row *row, int k, const Buffer *side) {
    row->cell[k] = (const char *)(uintptr_t)side->len;
    row->respelt |= 1 << k;
}

static void close_respelt(Row *row, int k, const Buffer *side) {
    row->len[k] = side->len - (Py_ssize_t)(uintptr_t)row->cell[k];
}

/* Where the next 0xE2 byte of the data is: looked for once per stretch of data between
 * two of them, not once per term (most data holds none, or few). */
typedef struct {
    const char *next, *end;
} LeadByte;

static inline int holds_lead_byte(LeadByte *lead, const char *s, Py_ssize_t n) {
    if (lead->next == NULL || lead->next < s) {
        lead->next = memchr(s, 0xE2, lead->end - s);
        if (lead->next == NULL) lead->next = lead->end;
    }
    return lead->next < s + n;
}

/* A subject or predicate: an IRI or a blank node, which hold no control character, no
 * backslash and no C1 character in N-Triples (not in IRIs, not in labels), but an IRI may
 * hold U+2028 or U+2029: a search for their lead byte is enough. */
static int term_cell(Row *row, int k, const char *s, Py_ssize_t n, Buffer *side, LeadByte *lead) {
    if (!holds_lead_byte(lead, s, n) || put_escaped(NULL, s, n, 0) == 0) {
        keep_cell(row, k, s, n);
        return 0;
    }
    open_respelt(row, k, side);
    if (put_escaped(side, s, n, 0) < 0) return -1;
    close_respelt(row, k, side);
    return 0;
}

static int digits(const char *s, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Whether a lexical form has Turtle's INTEGER, DECIMAL, DOUBLE or BOOLEAN syntax. */
static int turtle_number(const char *s, Py_ssize_t n, char kind) {
    if (kind == 'b') return (n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0);
    if (n > 0 && (s[0] == '+' || s[0] == '-')) s++, n--;
    if (kind == 'i') return n > 0 && digits(s, n);
    if (kind == 'd') {
        const char *dot = memchr(s, '.', n);
        return dot != NULL && digits(s, dot - s) && n - (dot - s) - 1 > 0 && digits(dot + 1, n - (dot - s) - 1);
    }
    /* double: mantissa ([0-9]+ ('.' [0-9]*)? | '.' [0-9]+) then [eE] [+-]? [0-9]+ */
    Py_ssize_t e = 0;
    while (e < n && s[e] != 'e' && s[e] != 'E') e++;
    if (e == n) return 0;
    const char *dot = memchr(s, '.', e);
    Py_ssize_t before = dot ? dot - s : e, after = dot ? e - before - 1 : 0;
    if (!digits(s, before) || !digits(s + before + (dot != NULL), after) || before + after == 0) return 0;
    if (dot && before == 0 && after == 0) return 0;
    const char *x = s + e + 1;
    Py_ssize_t xn = n - e - 1;
    if (xn > 0 && (x[0] == '+' || x[0] == '-')) x++, xn--;
    return xn > 0 && digits(x, xn);
}

static const char XSD[] = "http://www.w3.org/2001/XMLSchema#";

/* The object cell: a literal of a number or boolean datatype in Turtle syntax bare, as
 * Oxigraph's TSV writer has it; anything else in its N-Triples spelling, escaped. */
static int object_cell(Row *row, const char *o, Py_ssize_t n, Buffer *side, LeadByte *lead) {
    if (n < 2 || o[0] != '"') return term_cell(row, 2, o, n, side, lead);
    /* the closing quote: the first one not after a backslash (an escape's second character) */
    Py_ssize_t q = 1;
    int escaped = 0;
    for (;;) {
        const char *quote = memchr(o + q, '"', n - q);
        Py_ssize_t end = quote ? quote - o : n;
        const char *backslash = memchr(o + q, '\\', end - q);
        if (backslash == NULL) {
            q = end;
            break;
        }
        escaped = 1;
        q = backslash - o + 2;
        if (q >= n) {
            q = n;
            break;
        }
    }
    const char *tail = o + q + 1;
    Py_ssize_t tail_len = n - q - 1;
    Py_ssize_t xsd_len = sizeof(XSD) - 1;
    if (!escaped && tail_len > 4 + xsd_len && memcmp(tail, "^^<", 3) == 0 &&
        memcmp(tail + 3, XSD, xsd_len) == 0) {
        const char *local = tail + 3 + xsd_len;
        Py_ssize_t local_len = tail_len - 3 - xsd_len - 1;
        char kind = 0;
        if (local_len == 7 && memcmp(local, "integer", 7) == 0) kind = 'i';
        else if (local_len == 7 && memcmp(local, "decimal", 7) == 0) kind = 'd';
        else if (local_len == 6 && memcmp(local, "double", 6) == 0) kind = 'x';
        else if (local_len == 7 && memcmp(local, "boolean", 7) == 0) kind = 'b';
        if (kind && turtle_number(o + 1, q - 1, kind)) {
            keep_cell(row, 2, o + 1, q - 1);
            return 0;
        }
    }
    /* the string between the quotes, then the closing quote and a language tag or datatype */
    if (put_escaped(NULL, o + 1, q - 1, 1) == 0 && put_escaped(NULL, o + q, n - q, 0) == 0) {
        keep_cell(row, 2, o, n);
        return 0;
    }
    open_respelt(row, 2, side);
    if (put(side, o, 1) < 0 || put_escaped(side, o + 1, q - 1, 1) < 0 || put_escaped(side, o + q, n - q, 0) < 0)
        return -1;
    close_respelt(row, 2, side);
    return 0;
}

/* Rows in the order of their "s\tp\to" bytes: cell by cell, a shorter cell first when it
 * begins the other (the tab that would follow it sorts before any character of a cell).
 * Negative when x comes first, positive when y does, 0 when they are the same; the size
 * is one more than the first cell in which they differ. */
static int compare_rows(const Row *x, const Row *y) {
    for (int k = 0; k < 3; k++) {
        Py_ssize_t n = x->len[k] < y->len[k] ? x->len[k] : y->len[k];
        /* (neighbouring rows mostly share a subject: the same pointer, or equal text) */
        int c = x->cell[k] == y->cell[k] ? 0 : memcmp(x->cell[k], y->cell[k], n);
        if (c) return c < 0 ? -(k + 1) : k + 1;
        if (x->len[k] != y->len[k]) return x->len[k] < y->len[k] ? -(k + 1) : k + 1;
    }
    return 0;
}

/* Repeats dropped from sorted rows, and each kept row's change set; the number kept. */
static Py_ssize_t unique(Row **rows, Py_ssize_t count) {
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        int c = kept ? compare_rows(rows[kept - 1], rows[i]) : -1;
        if (c == 0) continue;
        rows[i]->change = kept ? (unsigned char)(-c - 1) : 0;
        rows[kept++] = rows[i];
    }
    return kept;
}

/* Sort rows as Python sorts their bytes, then drop repeats; the number kept, or -1.  A
 * natural merge sort: Oxigraph's dump comes in long sorted runs, which it merges in a few
 * passes where qsort compares as if they were shuffled. */
static Py_ssize_t sort_unique(Row **rows, Py_ssize_t count) {
    if (count > 1) {
        Row **tmp = PyMem_Malloc(count * sizeof(Row *));
        Py_ssize_t *runs = PyMem_Malloc((count + 1) * sizeof(Py_ssize_t));
        if (tmp == NULL || runs == NULL) {
            PyMem_Free(tmp);
            PyMem_Free(runs);
            PyErr_NoMemory();
            return -1;
        }
        /* Runs, as timsort finds them: ascending, or strictly descending and reversed
         * (Oxigraph's in-memory dump comes out in descending order). */
        Py_ssize_t nruns = 0;
        for (Py_ssize_t i = 0; i < count;) {
            Py_ssize_t start = i++;
            if (i < count && compare_rows(rows[i - 1], rows[i]) > 0) {
                while (i < count && compare_rows(rows[i - 1], rows[i]) > 0) i++;
                for (Py_ssize_t a = start, b = i - 1; a < b; a++, b--) {
                    Row *swap = rows[a];
                    rows[a] = rows[b];
                    rows[b] = swap;
                }
            } else {
                while (i < count && compare_rows(rows[i - 1], rows[i]) <= 0) i++;
            }
            runs[nruns++] = start;
        }
        runs[nruns] = count;
        Row **from = rows, **to = tmp;
        while (nruns > 1) {
            Py_ssize_t merged = 0;
            for (Py_ssize_t r = 0; r < nruns; r += 2) {
                Py_ssize_t lo = runs[r];
                if (r + 1 == nruns) { /* the odd run out: copied as it is */
                    memcpy(to + lo, from + lo, (count - lo) * sizeof(Row *));
                    runs[merged++] = lo;
                    break;
                }
                Py_ssize_t mid = runs[r + 1], hi = runs[r + 2]; /* runs[nruns] is count */
                Py_ssize_t i = lo, j = mid, k = lo;
                while (i < mid && j < hi) to[k++] = compare_rows(from[j], from[i]) < 0 ? from[j++] : from[i++];
                while (i < mid) to[k++] = from[i++];
                while (j < hi) to[k++] = from[j++];
                runs[merged++] = lo;
            }
            runs[merged] = count;
            nruns = merged;
            Row **swap = from;
            from = to;
            to = swap;
        }
        if (from != rows) memcpy(rows, from, count * sizeof(Row *));
        PyMem_Free(tmp);
        PyMem_Free(runs);
    }
    return unique(rows, count);
}

#define TRIPLE_TERM (-2)

/* The rows of N-Triples lines: cells in data where they are spelt as rows spell them,
 * else respelt into side; *cells owns the rows, *order points at them.  Their number, -1
 * with an exception set, or TRIPLE_TERM (no exception) if a line holds an RDF 1.2 triple
 * term, whose cells only Oxigraph's TSV writer spells. */
static Py_ssize_t ntriples_rows(const char *data, Py_ssize_t size, Buffer *side, Row **cells, Row ***order) {
    LeadByte lead = {NULL, data + size};
    Row *rows = NULL;
    Py_ssize_t count = 0, cap = 0;
    Py_ssize_t type_len = sizeof(RDF_TYPE) - 1;
    for (Py_ssize_t start = 0; start < size;) {
        const char *line = data + start;
        const char *nl = memchr(line, '\n', size - start);
        Py_ssize_t n = nl ? nl - line : size - start;
        start += n + 1;
        if (n && line[n - 1] == '\r') n--;
        if (n >= 2 && line[n - 1] == '.' && line[n - 2] == ' ') n -= 2;
        if (n == 0) continue;
        const char *sp1 = memchr(line, ' ', n);
        const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (sp1 + 1 - line)) : NULL;
        if (sp2 == NULL) {
            PyErr_Format(PyExc_ValueError, "not an N-Triples statement: %.80s", line);
            goto fail;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 1 << 14;
            Row *grown = PyMem_Realloc(rows, cap * sizeof(Row));
            if (grown == NULL) {
                PyErr_NoMemory();
                goto fail;
            }
            rows = grown;
        }
        Row *row = &rows[count];
        row->respelt = 0;
        const char *p = sp1 + 1, *o = sp2 + 1;
        Py_ssize_t p_len = sp2 - p, o_len = n - (o - line);
        if ((line[0] == '<' && line[1] == '<') || (o_len > 1 && o[0] == '<' && o[1] == '<')) {
            PyMem_Free(rows);
            return TRIPLE_TERM;
        }
        if (term_cell(row, 0, line, sp1 - line, side, &lead) < 0) goto fail;
        if (p_len == type_len && memcmp(p, RDF_TYPE, type_len) == 0) keep_cell(row, 1, "!", 1);
        else if (term_cell(row, 1, p, p_len, side, &lead) < 0) goto fail;
        if (object_cell(row, o, o_len, side, &lead) < 0) goto fail;
        count++;
    }
    Row **ptrs = PyMem_Malloc((count ? count : 1) * sizeof(Row *));
    if (ptrs == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        for (int k = 0; k < 3; k++)
            if (rows[i].respelt & (1 << k)) rows[i].cell[k] = side->data + (uintptr_t)rows[i].cell[k];
        ptrs[i] = &rows[i];
    }
    *cells = rows;
    *order = ptrs;
    return count;
fail:
    PyMem_Free(rows);
    return -1;
}

static PyObject *rows_of_ntriples(PyObject *self, PyObject *args) {
    const char *data;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "y#", &data, &size)) return NULL;
    Buffer side = {NULL, 0, 0};
    Row *cells = NULL, **rows = NULL;
    PyObject *result = NULL;
    Py_ssize_t count = ntriples_rows(data, size, &side, &cells, &rows);
    if (count == TRIPLE_TERM) PyErr_SetString(PyExc_ValueError, "the data holds an RDF 1.2 triple term");
    if (count < 0 || (count = sort_unique(rows, count)) < 0) goto done;
    result = PyList_New(count);
    for (Py_ssize_t i = 0; result != NULL && i < count; i++) {
        const Row *r = rows[i];
        PyObject *row = PyBytes_FromStringAndSize(NULL, r->len[0] + r->len[1] + r->len[2] + 2);
        if (row == NULL) {
            Py_CLEAR(result);
            break;
        }
        char *at = PyBytes_AS_STRING(row);
        for (int k = 0; k < 3; k++) {
            if (k) *at++ = '\t';
            memcpy(at, r->cell[k], r->len[k]);
            at += r->len[k];
        }
        PyList_SET_ITEM(result, i, row);
    }
done:
    PyMem_Free(side.data);
    PyMem_Free(rows);
    PyMem_Free(cells);
    return result;
}

static PyObject *turtle_of_ntriples(PyObject *self, PyObject *args) {
    const char *data, *indent;
    Py_ssize_t size, indent_len;
    PyObject *namespaces, *used;
    if (!PyArg_ParseTuple(args, "y#y#O!O!", &data, &size, &indent, &indent_len, &PyList_Type, &namespaces,
                          &PySet_Type, &used))
        return NULL;
    Buffer side = {NULL, 0, 0}, out = {NULL, 0, 0};
    Row *cells = NULL, **rows = NULL;
    PyObject *result = NULL, *text = NULL;
    Namespace *spaces = namespace_table(namespaces);
    if (spaces == NULL) return NULL;
    Py_ssize_t count = ntriples_rows(data, size, &side, &cells, &rows);
    if (count == TRIPLE_TERM) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (count < 0 || (count = sort_unique(rows, count)) < 0) goto done;
    /* (prefixed names make the file smaller than the N-Triples: a guess that seldom grows) */
    if (open_bytes(&out, size / 2 + 1024) < 0) goto done;
    if (lay_out_rows(&out, rows, count, indent, indent_len, spaces, PyList_GET_SIZE(namespaces), used) < 0) goto done;
    if ((text = close_bytes(&out)) != NULL) result = Py_BuildValue("Nn", text, count);
done:
    Py_XDECREF(out.bytes);
    PyMem_Free(side.data);
    PyMem_Free(rows);
    PyMem_Free(cells);
    PyMem_Free(spaces);
    return result;
}

static PyMethodDef methods[] = {
    {"turtle_of_ntriples", turtle_of_ntriples, METH_VARARGS,
     "turtle_of_ntriples(data, indent, namespaces, used) -> (bytes, int) | None: N-Triples lines laid out "
     "as Turtle statements (the last one left open), and how many distinct statements they held; None if "
     "they hold an RDF 1.2 triple term."},
    {"rows_of_ntriples", rows_of_ntriples, METH_VARARGS,
     "rows_of_ntriples(data) -> list[bytes]: the distinct rows of N-Triples lines, sorted, spelt as "
     "kgbuild.serialize.union_rows spells them."},
    {"lay_out", lay_out, METH_VARARGS,
     "lay_out(rows, indent, namespaces, used) -> bytes: sorted rows laid out as Turtle statements "
     "(the last one left open), as kgbuild.serialize._lay_out_py lays them out."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kgbuild._turtle",
                                    "kgbuild's Turtle layout loop in C (optional).", -1, methods};

PyMODINIT_FUNC PyInit__turtle(void) { return PyModule_Create(&module); }
