/* The ERE matcher of selections gives regexec's answers [contract 11]:
   each construct on lines chosen to tell right from wrong, then many
   generated expressions x lines against musl's regexec (REG_EXTENDED |
   REG_NOSUB, as logscript compiles selections). */
#include <regex.h>
#include <stdint.h>
#include "unit.h"
#include "log/ere.h"

typedef struct { char const *re, *line ; int match ; } ere_case ;

static ere_case const cases[] = {
  { "abc", "xxabcxx", 1 }, { "abc", "abxc", 0 }, { "a.c", "a-c", 1 }, { "a.c", "ac", 0 },
  { "a.c", "a\303c", 1 }, { "[abc]x", "bx", 1 }, { "[abc]x", "dx", 0 }, { "[^abc]x", "dx", 1 },
  { "[^abc]x", "ax", 0 }, { "[^abc]", "\303", 1 }, { "[a-f]9", "e9", 1 }, { "[a-f]9", "g9", 0 },
  { "[]a]", "]", 1 }, { "[^]a]", "]", 0 }, { "[a-]", "-", 1 }, { "[-a]", "-", 1 }, { "[%--]", ",", 1 },
  { "[[:digit:]]+ms", "12ms", 1 }, { "[[:digit:]]+ms", "xms", 0 }, { "[[:alpha:]]", "\303", 0 },
  { "[^[:alpha:]]", "\303", 1 }, { "[[:space:][:punct:]]", "\t", 1 }, { "[[:upper:]]", "a", 0 },
  { "[[:xdigit:]]{4}", "00fF", 1 }, { "[[:xdigit:]]{4}", "00fg", 0 }, { "[\\]", "\\", 1 },
  { "ab*c", "ac", 1 }, { "ab*c", "abbbc", 1 }, { "ab+c", "ac", 0 }, { "ab+c", "abc", 1 },
  { "ab?c", "abbc", 0 }, { "ab?c", "abc", 1 }, { "ab{2}c", "abbc", 1 }, { "ab{2}c", "abbbc", 0 },
  { "ab{2,}c", "abbbbc", 1 }, { "ab{2,}c", "abc", 0 }, { "ab{1,3}c", "abbbc", 1 }, { "ab{1,3}c", "abbbbc", 0 },
  { "a(bc)*d", "abcbcd", 1 }, { "a(bc)*d", "abcbd", 0 },
  { "a(b|cd)+e", "abcdbe", 1 }, { "a(b|cd)+e", "ace", 0 }, { "a**", "", 1 }, { "(a|b)+?c", "c", 1 },
  { "error|warn", "a warning", 1 }, 
  { "^ab", "abc", 1 }, { "^ab", "cab", 0 }, { "ab$", "cab", 1 }, { "ab$", "abc", 0 }, { "^$", "", 1 },
  { "^$", "a", 0 }, { "^(a|b)+$", "abba", 1 },
  { "^(a|b)+$", "abca", 0 }, { "^a?$", "", 1 }, { "^[0-9]+ms$", "12ms", 1 }, { "^[0-9]+ms$", "12ms ", 0 }, 
  { "\\.\\*\\[\\(\\|\\^\\$", "x.*[(|^$", 1 }, { "a\\+", "a+", 1 }, { "a\\+", "aa", 0 }, { "}]", "}]", 1 },
  { "[45]0[0-9] [a-z]+$", "GET / 404 notfound", 1 }, { "[45]0[0-9] [a-z]+$", "GET / 404 notfound!", 0 },
  { "(a|b)*a(a|b){3}", "bbbabbb", 1 }, { "(a|b)*a(a|b){3}", "bbbbabb", 0 }, { "", "", 1 }, { "", "x", 1 },
} ;

TEST(ere_each_construct)
{
  for (size_t i = 0 ; i < sizeof cases / sizeof *cases ; i++)
  {
    ere *e = 0 ;
    regex_t r ;
    char what[160] ;
    snprintf(what, sizeof what, "/%s/ on \"%s\"", cases[i].re, cases[i].line) ;
    if (ere_compile(cases[i].re, &e) != 1) { unit_fail(__FILE__, __LINE__, what) ; continue ; }
    if (ere_match(e, cases[i].line) != cases[i].match) unit_fail(__FILE__, __LINE__, what) ;
    if (!regcomp(&r, cases[i].re, REG_EXTENDED | REG_NOSUB))
    {
      if ((regexec(&r, cases[i].line, 0, 0, 0) == 0) != cases[i].match) unit_fail(__FILE__, __LINE__, what) ;
      regfree(&r) ;
    }
    ere_free(e) ;
  }
}

/* what the matcher leaves to regexec: escapes read differently by libcs,
   collating elements, quantified anchors and empty groups, non-ASCII */
TEST(ere_refuses_what_it_does_not_follow)
{
  static char const *const refused[] = {
    "\\w", "a\\d", "\\<a", "\\1", "[[.a.]]", "[[=a=]]", "[a-z--@]", "^*", "a$?", "()*", "(^)+",
    "caf\303\251", "[\303]", "a{1,2", "a{,2}", "a{256}", "a)", "*a", "a|+", "[[:foo:]]", "a{2}{2}{2}{2}{2}",
    "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))", "(a{100}){100}",
    /* where musl's regexec answers wrongly: it keeps them, nothing changes */
    "a^b", "a$b", "(^a|b$)", "^a|b$", "^$|$", "^$|b?", "(a|$)?d", "b(x*^|c?)", "x(|y)z", "()", "a|", "ab{0}c",
    "(y(1{2})*|a)+", 0
  } ;
  for (size_t i = 0 ; refused[i] ; i++)
  {
    ere *e = 0 ;
    int r = ere_compile(refused[i], &e) ;
    if (r) { unit_fail(__FILE__, __LINE__, refused[i]) ; ere_free(e) ; }
  }
}

/* --- differential: generated expressions x lines against regexec --- */

static uint32_t rng = 12345 ;
static uint32_t next (uint32_t n)
{
  rng ^= rng << 13 ; rng ^= rng >> 17 ; rng ^= rng << 5 ;
  return rng % n ;
}

static void put (char **p, char const *end, char const *s)
{
  while (*s && *p < end) *(*p)++ = *s++ ;
}

static void gen_alt (char **p, char const *end, unsigned int depth) ;

static void gen_atom (char **p, char const *end, unsigned int depth)
{
  static char const *const atoms[] = {
    "a", "b", "a", "b", "1", " ", ".", "[ab]", "[^a]", "[a-c]", "[[:digit:]]", "[^[:alpha:] ]", "[]a]",
    "[a-]", "[[:space:][:punct:]]", "[0-9]", "\\.", "\\*", "^", "$", "-", "[^]b]", "[[:alnum:]]"
  } ;
  if (depth < 3 && !next(5))
  {
    put(p, end, "(") ; gen_alt(p, end, depth + 1) ; put(p, end, ")") ;
    return ;
  }
  put(p, end, atoms[next(sizeof atoms / sizeof *atoms)]) ;
}

static void gen_quant (char **p, char const *end)
{
  static char const *const quants[] = { "*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "{0}", "*?", "+*" } ;
  if (next(3)) return ;
  put(p, end, quants[next(sizeof quants / sizeof *quants)]) ;
}

static void gen_alt (char **p, char const *end, unsigned int depth)
{
  unsigned int alts = next(4) ? 1 : 2 + next(2) ;
  for (unsigned int a = 0 ; a < alts ; a++)
  {
    unsigned int atoms = next(5) ;   /* 0: an empty alternative, now and then */
    if (a) put(p, end, "|") ;
    for (unsigned int i = 0 ; i < atoms + !!next(8) ; i++) { gen_atom(p, end, depth) ; gen_quant(p, end) ; }
  }
}

/* top-level anchors now and then, where selections have them */
static void gen_re (char *re, size_t cap)
{
  char *p = re ;
  if (!next(6)) put(&p, re + cap - 2, "^") ;
  gen_alt(&p, re + cap - 2, 0) ;
  if (!next(6)) put(&p, re + cap - 1, "$") ;
  *p = 0 ;
}

static void gen_line (char *line, size_t cap)
{
  static char const alphabet[] = "ab1 .-*x]\t\303" ;
  size_t n = next((uint32_t)cap) ;
  for (size_t i = 0 ; i < n ; i++) line[i] = alphabet[next(sizeof alphabet - 1)] ;
  line[n] = 0 ;
}

/* 0 if re is not run (regcomp or the matcher refuse it), else 1 */
static int agree_on_lines (char const *re, unsigned int nlines, size_t maxlen)
{
  regex_t r ;
  ere *e = 0 ;
  char line[64] ;
  if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB)) return 0 ;
  if (ere_compile(re, &e) != 1) { regfree(&r) ; return 0 ; }
  for (unsigned int i = 0 ; i < nlines ; i++)
  {
    gen_line(line, maxlen < sizeof line ? maxlen : sizeof line) ;
    if (ere_match(e, line) != !regexec(&r, line, 0, 0, 0))
    {
      char what[256] ;
      snprintf(what, sizeof what, "/%s/ on \"%s\": regexec says %d", re, line, !regexec(&r, line, 0, 0, 0)) ;
      unit_fail(__FILE__, __LINE__, what) ;
      break ;
    }
  }
  ere_free(e) ;
  regfree(&r) ;
  return 1 ;
}

TEST(ere_agrees_with_regexec_on_generated_expressions)
{
  unsigned int run = 0 ;
  rng = 12345 ;
  for (unsigned int i = 0 ; i < 4000 ; i++)
  {
    char re[256] ;
    gen_re(re, sizeof re) ;
    run += (unsigned int)agree_on_lines(re, 20, 16) ;
  }
  CHECK(run > 1500) ;   /* most of them are followed, not left to regexec */
}

/* a DFA of more states than the cache holds: flushed, still right */
TEST(ere_agrees_with_regexec_when_the_cache_overflows)
{
  rng = 777 ;
  CHECK(agree_on_lines("(a|b)*a(a|b){10}", 3000, 60)) ;
  CHECK(agree_on_lines("(a|1)*a(.|b){9}[ab]$", 3000, 60)) ;
}
