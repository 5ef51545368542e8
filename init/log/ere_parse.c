/* A recursive-descent parser for the part of POSIX EREs that selections
   use, read as musl's regcomp reads them (REG_EXTENDED, C locale):
   literals, ., bracket expressions (ranges, negation, [:classes:]), the
   anchors ^ and $ at the ends, groups, alternation, and the quantifiers
   * + ? {m} {m,} {m,n}. Whatever is outside it, where implementations
   read differently (\w and other escapes of letters, [a-z--@], [[.x.]],
   bytes >= 0x80), or where musl's regexec answers wrongly (see below), is
   refused, and regexec then keeps the expression: refusing is always
   safe, guessing is not. Recursion is bounded by ERE_MAXGROUPDEPTH. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "ere_ast.h"

enum { PARSE_OK, PARSE_UNSUPPORTED, PARSE_NOMEM } ;

typedef struct parser {
  char const *re ;
  char const *s ;
  ere_ast *a ;
  int err ;
  int anchors ;
} parser ;

static int fail (parser *p, int why)
{
  if (!p->err) p->err = why ;
  return -1 ;
}

static int new_node (parser *p, unsigned char kind)
{
  ere_ast *a = p->a ;
  if (a->n == a->cap)
  {
    size_t cap = a->cap ? 2 * a->cap : 16 ;
    ere_node *x = realloc(a->node, cap * sizeof *x) ;
    if (!x) return fail(p, PARSE_NOMEM) ;
    a->node = x ; a->cap = cap ;
  }
  memset(a->node + a->n, 0, sizeof *a->node) ;
  a->node[a->n].kind = kind ;
  a->node[a->n].child = a->node[a->n].next = -1 ;
  return (int)a->n++ ;
}

/* a SET node with an empty set, to be filled */
static int new_set_node (parser *p)
{
  ere_ast *a = p->a ;
  int i ;
  if (a->nset == a->setcap)
  {
    size_t cap = a->setcap ? 2 * a->setcap : 8 ;
    ere_set *x = realloc(a->set, cap * sizeof *x) ;
    if (!x) return fail(p, PARSE_NOMEM) ;
    a->set = x ; a->setcap = cap ;
  }
  i = new_node(p, ERE_SET) ;
  if (i < 0) return -1 ;
  memset(a->set + a->nset, 0, sizeof *a->set) ;
  a->node[i].set = (int)a->nset++ ;
  return i ;
}

static void set_add (ere_set *s, unsigned int lo, unsigned int hi)
{
  for (unsigned int b = lo ; b <= hi ; b++) s->w[b >> 5] |= (uint32_t)1 << (b & 31) ;
}

/* --- bracket expressions --- */

typedef int ctype_fn (int) ;
static struct { char const *name ; ctype_fn *f ; } const classes[] = {
  { "alnum", &isalnum }, { "alpha", &isalpha }, { "blank", &isblank }, { "cntrl", &iscntrl },
  { "digit", &isdigit }, { "graph", &isgraph }, { "lower", &islower }, { "print", &isprint },
  { "punct", &ispunct }, { "space", &isspace }, { "upper", &isupper }, { "xdigit", &isxdigit }
} ;

/* s just after "[:": the class's bytes added, the end of ":]" returned.
   Only ASCII bytes belong to a class: musl's C locale maps bytes >= 0x80
   to code points no class contains. */
static char const *add_class (parser *p, char const *s, ere_set *set)
{
  char const *end = strstr(s, ":]") ;
  if (!end) { fail(p, PARSE_UNSUPPORTED) ; return 0 ; }
  for (size_t i = 0 ; i < sizeof classes / sizeof *classes ; i++)
  {
    if (strlen(classes[i].name) != (size_t)(end - s) || strncmp(classes[i].name, s, (size_t)(end - s))) continue ;
    for (int b = 1 ; b < 0x80 ; b++) if ((*classes[i].f)(b)) set_add(set, (unsigned)b, (unsigned)b) ;
    return end + 2 ;
  }
  fail(p, PARSE_UNSUPPORTED) ;
  return 0 ;
}

/* one term at s (not the closing ']'): a class, a byte or a range */
static char const *bracket_term (parser *p, char const *s, char const *start, ere_set *set)
{
  unsigned char lo = (unsigned char)*s, hi ;
  if (!lo || lo >= 0x80) { fail(p, PARSE_UNSUPPORTED) ; return 0 ; }
  if (lo == '[' && (s[1] == '.' || s[1] == '=')) { fail(p, PARSE_UNSUPPORTED) ; return 0 ; }
  if (lo == '[' && s[1] == ':') return add_class(p, s + 2, set) ;
  /* '-' is a plain byte first or last only ([a-z--@] is musl's own) */
  if (lo == '-' && s != start && s[1] != ']') { fail(p, PARSE_UNSUPPORTED) ; return 0 ; }
  hi = lo ;
  if (s[1] == '-' && s[2] != ']')
  {
    hi = (unsigned char)s[2] ;
    if (!hi || hi >= 0x80 || hi == '[' || hi < lo) { fail(p, PARSE_UNSUPPORTED) ; return 0 ; }
    s += 2 ;
  }
  set_add(set, lo, hi) ;
  return s + 1 ;
}

/* p->s at '[' */
static int bracket (parser *p)
{
  char const *s = p->s + 1, *start ;
  int neg = 0, i = new_set_node(p) ;
  ere_set *set ;
  if (i < 0) return -1 ;
  set = p->a->set + p->a->node[i].set ;
  if (*s == '^') { neg = 1 ; s++ ; }
  start = s ;
  while (*s != ']' || s == start)
    if (!(s = bracket_term(p, s, start, set))) return -1 ;
  if (neg) for (int k = 0 ; k < 8 ; k++) set->w[k] = ~set->w[k] ;
  set->w[0] &= ~(uint32_t)1 ;   /* NUL ends the line: never matched */
  p->s = s + 1 ;
  return i ;
}

/* --- atoms, quantifiers, sequences, alternatives --- */

static int parse_alt (parser *p, unsigned int depth) ;

static int literal (parser *p, unsigned char c)
{
  int i = new_set_node(p) ;
  if (i < 0) return -1 ;
  set_add(p->a->set + p->a->node[i].set, c, c) ;
  return i ;
}

static int group (parser *p, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXGROUPDEPTH */
{
  int i ;
  if (depth >= ERE_MAXGROUPDEPTH) return fail(p, PARSE_UNSUPPORTED) ;
  p->s++ ;
  i = parse_alt(p, depth + 1) ;
  if (i < 0) return -1 ;
  if (*p->s != ')') return fail(p, PARSE_UNSUPPORTED) ;
  p->s++ ;
  return i ;
}

/* musl's regexec (TRE) misreads anchors inside groups: (a|$)?d does not
   match "d" there, b(x*^|c?) not "b", and next to other alternatives:
   ^$|b? does not match "x", ^$|$ neither; glibc and this DFA do. So ^
   is followed only at the start of an expression without a top-level |,
   and $ only at its end: the forms of selections ("^ERROR: (disk|net)",
   "[0-9]+ms$"); plain "^a|b" is logmatch's. The rest stays with regexec,
   so that nothing changes. */
static int anchor_at_edge (parser const *p, unsigned int depth, int first)
{
  if (depth) return 0 ;
  return *p->s == '^' ? first : !p->s[1] || p->s[1] == '|' ;
}

static int atom (parser *p, unsigned int depth, int first) /* NOLINT(misc-no-recursion): bounded by ERE_MAXGROUPDEPTH */
{
  unsigned char c = (unsigned char)*p->s ;
  int i ;
  switch (c)
  {
    case '(' : return group(p, depth) ;
    case '[' : return bracket(p) ;
    case '^' : case '$' :
      if (!anchor_at_edge(p, depth, first)) return fail(p, PARSE_UNSUPPORTED) ;
      p->anchors = 1 ;
      p->s++ ;
      return new_node(p, c == '^' ? ERE_BOL : ERE_EOL) ;
    case '.' :
      if ((i = new_set_node(p)) < 0) return -1 ;
      set_add(p->a->set + p->a->node[i].set, 1, 255) ;
      p->s++ ;
      return i ;
    case '\\' :
      /* an escaped metacharacter is itself; musl and glibc read \w, \<,
         \1... differently, so those stay with regexec */
      c = (unsigned char)p->s[1] ;
      if (!c || !strchr(".[]()*+?{}\\^$|", c)) return fail(p, PARSE_UNSUPPORTED) ;
      p->s += 2 ;
      return literal(p, c) ;
    case '*' : case '+' : case '?' : case '{' :
      return fail(p, PARSE_UNSUPPORTED) ;
    default :
      if (c >= 0x80) return fail(p, PARSE_UNSUPPORTED) ;
      p->s++ ;
      return literal(p, c) ;
  }
}

/* a decimal count at s, at most ERE_DUPMAX; -1 if there is none */
static long count (char const **s)
{
  long n = 0 ;
  if (!isdigit((unsigned char)**s)) return -1 ;
  while (isdigit((unsigned char)**s) && n <= ERE_DUPMAX) n = 10 * n + (*(*s)++ - '0') ;
  return n > ERE_DUPMAX ? -1 : n ;
}

/* p->s at '{': min and max of {m}, {m,} or {m,n} */
static int bounds (parser *p, long *min, long *max)
{
  char const *s = p->s + 1 ;
  *min = *max = count(&s) ;
  if (*min < 0) return 0 ;
  if (*s == ',')
  {
    s++ ;
    *max = *s == '}' ? ERE_INF : count(&s) ;
    if (*max < 0 || *max < *min) return 0 ;
  }
  if (*s != '}') return 0 ;
  p->s = s + 1 ;
  return 1 ;
}

/* the quantifiers after atom i, each wrapping what is before it */
static int quantified (parser *p, int i)
{
  for (unsigned int q = 0 ; *p->s && strchr("*+?{", *p->s) ; q++)
  {
    long min = 0, max = ERE_INF ;
    int r ;
    unsigned char k = p->a->node[i].kind ;
    if (q == ERE_MAXQUANT || k == ERE_BOL || k == ERE_EOL || k == ERE_EMPTY) return fail(p, PARSE_UNSUPPORTED) ;
    int braces = *p->s == '{' ;
    /* musl's regexec misreads x{0} in some places: regexec keeps it */
    if (braces && (!bounds(p, &min, &max) || !max)) return fail(p, PARSE_UNSUPPORTED) ;
    if (!braces)
    {
      if (*p->s == '+') min = 1 ;
      if (*p->s == '?') max = 1 ;
      p->s++ ;
    }
    if ((r = new_node(p, ERE_REP)) < 0) return -1 ;
    p->a->node[r].braces = (unsigned char)braces ;
    p->a->node[r].min = (unsigned short)min ;
    p->a->node[r].max = (unsigned short)max ;
    p->a->node[r].child = i ;
    i = r ;
  }
  return i ;
}

/* atoms up to '|', ')' or the end: one node, or a CAT. Empty ones, as
   in "a|", "(|a)" or "()", musl's regexec misreads ("^$|(|a)" does not
   match "x" there): regexec keeps them, except the empty expression. */
static int parse_seq (parser *p, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXGROUPDEPTH */
{
  int cat = -1, last = -1, first = -1 ;
  while (*p->s && *p->s != '|' && *p->s != ')')
  {
    int i = atom(p, depth, first < 0) ;
    if (i < 0 || (i = quantified(p, i)) < 0) return -1 ;
    if (first < 0) { first = last = i ; continue ; }
    if (cat < 0)
    {
      if ((cat = new_node(p, ERE_CAT)) < 0) return -1 ;
      p->a->node[cat].child = first ;
    }
    p->a->node[i].next = p->a->node[cat].child ;   /* listed backwards */
    p->a->node[cat].child = i ;
    last = i ;
  }
  if (first < 0)
    return p->s == p->re && !*p->s ? new_node(p, ERE_EMPTY) : fail(p, PARSE_UNSUPPORTED) ;
  return cat < 0 ? last : cat ;
}

static int parse_alt (parser *p, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXGROUPDEPTH */
{
  int alt, i = parse_seq(p, depth) ;
  if (i < 0 || *p->s != '|') return i ;
  if ((alt = new_node(p, ERE_ALT)) < 0) return -1 ;
  p->a->node[alt].child = i ;
  while (*p->s == '|')
  {
    p->s++ ;
    if ((i = parse_seq(p, depth)) < 0) return -1 ;
    p->a->node[i].next = p->a->node[alt].child ;
    p->a->node[alt].child = i ;
  }
  return alt ;
}

/* musl's regexec (TRE) answers wrongly when a {m,n} sits inside two
   repetitions, as in (y(1{2})*|a)+ on "a1", where glibc and this DFA
   agree: such expressions stay with regexec, so that nothing changes.
   (Refused too: a tree deeper than the parser allows, which cannot be.) */
static int musl_safe (ere_ast const *a, int node, unsigned int reps, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXTREEDEPTH */
{
  ere_node const *x = a->node + node ;
  if (depth > ERE_MAXTREEDEPTH) return 0 ;
  if (x->kind == ERE_REP && x->braces && reps >= 2) return 0 ;
  if (x->kind == ERE_REP) reps++ ;
  for (int c = x->child ; c >= 0 ; c = a->node[c].next)
    if (!musl_safe(a, c, reps, depth + 1)) return 0 ;
  return 1 ;
}

int ere_parse (char const *re, ere_ast *a)
{
  parser p = { re, re, a, PARSE_OK, 0 } ;
  memset(a, 0, sizeof *a) ;
  a->root = parse_alt(&p, 0) ;
  if (a->root >= 0 && *p.s) fail(&p, PARSE_UNSUPPORTED) ;   /* a ')' with no '(' */
  if (a->root >= 0 && !p.err && !musl_safe(a, a->root, 0, 0)) fail(&p, PARSE_UNSUPPORTED) ;
  if (a->root >= 0 && p.anchors && a->node[a->root].kind == ERE_ALT) fail(&p, PARSE_UNSUPPORTED) ;
  if (!p.err) return 1 ;
  ere_ast_free(a) ;
  return p.err == PARSE_NOMEM ? -1 : 0 ;
}

void ere_ast_free (ere_ast *a)
{
  free(a->node) ; free(a->set) ;
  memset(a, 0, sizeof *a) ;
}
