#ifndef BOSUN_LOGSCRIPT_H
#define BOSUN_LOGSCRIPT_H
/* The s6-log script language [contract 11], compiled once at start into a
   flat list of directives run left to right on every line. Pure: no file
   is touched here, so the parser is unit-tested and fuzzed on its own. */
#include <stddef.h>
#include <regex.h>
#include "logmatch.h"
#include "ere.h"

#define LOGSCRIPT_DEFAULT_COUNT 10
#define LOGSCRIPT_DEFAULT_SIZE 99999
#define LOGSCRIPT_DEFAULT_TOLERANCE 2000
#define LOGSCRIPT_MIN_SIZE 4096
#define LOGSCRIPT_MAX_SIZE 268435455
#define LOGSCRIPT_DEFAULT_ALERT 200
#define LOGSCRIPT_DEFAULT_STATUS 1001

enum logsel_kind { LOGSEL_PLUS, LOGSEL_MINUS, LOGSEL_F } ;
enum logact_kind { LOGACT_STDOUT, LOGACT_ALERT, LOGACT_STATUS, LOGACT_DIR } ;
enum logproc_kind { LOGPROC_NONE, LOGPROC_EXECLINE, LOGPROC_SH } ;

/* Settings a log directory takes from the directives before it. */
typedef struct logdir_conf {
  unsigned int count ;        /* n: archives kept */
  unsigned long size ;        /* s: rotate before current exceeds this */
  unsigned long total ;       /* S: archives' total size cap, 0 = none */
  unsigned long tolerance ;   /* l: rotate once current is over size - tolerance */
  unsigned long retry_ms ;    /* r: delay between retries of a failed write */
  unsigned long period_s ;    /* R: rotate at least this often, 0 = never */
  enum logproc_kind proc ;
  char const *processor ;     /* points into argv */
} logdir_conf ;

typedef struct logdirective {
  int is_action ;
  /* selection (is_action == 0) */
  enum logsel_kind sel ;
  regex_t re ;
  logmatch fast ;             /* when re is a plain word list or .* */
  ere *dfa ;                  /* else re as a DFA, 0 if regexec keeps it */
  /* action (is_action == 1) */
  enum logact_kind act ;
  int tai ;                   /* t before it */
  int iso ;                   /* T before it */
  char const *prefix ;        /* p in force, 0 = none */
  size_t limit ;              /* E for alerts, ^ for status files; 0 = none */
  char const *target ;        /* file or directory, points into argv */
  logdir_conf dir ;
} logdirective ;

typedef struct logscript {
  logdirective *d ;
  size_t n ;
  size_t nactions ;
  size_t ndirs ;
  int trailing ;              /* settings after the last action, ignored */
  int stamps ;                /* some action wants t or T: lines need the time */
} logscript ;
#define LOGSCRIPT_ZERO { 0, 0, 0, 0, 0, 0 }

/* On failure: the directive at fault (0 if none is) and why. */
typedef struct logscript_err {
  char const *directive ;
  char const *why ;
} logscript_err ;

/* 1 on success, 0 on a malformed script (err says which directive; s is
   left empty), -1 when memory ran out. */
int logscript_parse (char const *const *argv, size_t argc, logscript *s, logscript_err *err) ;
void logscript_free (logscript *s) ;

#endif
