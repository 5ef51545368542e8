/* Pure functions of the supervision-tree client commands (s6-svc,
   s6-svstat, s6-svwait, bosun status), apart so that unit tests reach them. */
#ifndef BOSUN_SVCLIENT_H
#define BOSUN_SVCLIENT_H

#include <stddef.h>

#define SVC_CMDMAX 64

/* s6-svc's command line. wait is 0 (no -w) or one of u U d D r R;
   timeout is in ms, 0 for none; cmd holds the control bytes in the
   order of the options; ind is the index of the first servicedir. */
struct svc_opts
{
  char cmd[SVC_CMDMAX] ;
  size_t len ;
  char wait ;
  unsigned int timeout ;
  int ind ;
} ;

/* 1 if the command line is valid, 0 for a usage error. */
int svc_parse (int argc, char const *const *argv, struct svc_opts *o) ;

#endif

/* What s6-svstat and bosun status show of one service, already decoded
   from supervise/status (times in whole seconds, never negative). */
struct svstat_view
{
  unsigned long long pid ;       /* of run, or of finish while finishing */
  int wstat ;                    /* how run last died */
  int finishing ;
  int normallyup ;               /* no ./down file */
  int wantup ;
  int ready ;                    /* the flag: also set once finish is done */
  int paused ;
  unsigned long long updownfor ; /* seconds since the last up/down change */
  unsigned long long readyfor ;
  char updownsince[26] ;         /* TAI64N labels, "@" and 24 hex digits */
  char readysince[26] ;
} ;

#define SVSTAT_LINEMAX 256

/* up means run is running: a pid, and not the pid of finish. */
int svstat_up (struct svstat_view const *v) ;

/* s6-svstat's human line, with its newline, NUL-terminated, into s
   (SVSTAT_LINEMAX bytes): "up (pid 123) 45 seconds, ready 44 seconds".
   numeric: -n, a signal number instead of its name. Returns its length. */
size_t svstat_line (char *s, struct svstat_view const *v, int numeric) ;

/* s6-svstat -o FIELDS: the field names, in order, are turned into
   indexes into svstat_fieldnames. Returns the number of fields, or -1
   with *bad pointing at the unknown name (NUL-terminated in buf). */
#define SVSTAT_FIELDMAX 64
extern char const *const svstat_fieldnames[] ;
int svstat_fields (char *list, unsigned char *fields, unsigned int max, char const **bad) ;

/* The value of field f, NUL-terminated, into s (32 bytes at least). */
void svstat_field (char *s, unsigned int f, struct svstat_view const *v) ;

/* "SIGTERM", or "SIG???" for a number without a name, as s6 prints. */
void svstat_signame (char *s, int sig) ;

/* Fills v from DIR's supervise/status and DIR/down, the times relative
   to now. 1 on success, 0 with errno set (naming the file in *what). */
struct tain_s ;
int svstat_load (char const *dir, struct svstat_view *v, struct tain_s const *now, char const **what) ;

/* s6-svwait and s6-svc -w (tools/s6_svwait.c): at most SVC_DIRMAX
   services at once. svwait_deadline sets the clock and the deadline
   ms from now (0: none); svwait_all starts listening to every dir (or
   dies 111 naming it); svwait_end stops listening and frees. */
#define SVC_DIRMAX 1024
struct svlisten_s ;
int svwait_deadline (struct tain_s *deadline, unsigned int ms) ;
struct svlisten_s *svwait_all (int n, char const *const *dirs, char const *wants) ;
void svwait_end (struct svlisten_s *l, int n) ;
