/* logutil-service [-f fifo] DIR: a service's logger as s6-overlay's
   [V6]: s6-log -b with S6_LOGGING_SCRIPT (from the container environment,
   default "n20 s1000000 T") into DIR, as nobody (65534:65534 when the
   image has no such user), with an empty environment, reading the fifo
   when -f names one. As a non-root container user it cannot switch: the
   logger then runs as that user instead of failing. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/gccattributes.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "account.h"
#include "applets.h"
#include "contenv.h"
#include "log/logwords.h"
#include "paths.h"

#define USAGE "logutil-service [ -f fifo ] logdir"
#define NOBODY_ID 65534


/* The container environment's value wins (s6-overlay reads it with
   printcontenv); with S6_KEEP_ENV there is none, and our own is it. */
static void script_of (stralloc *sa, char const *const *envp)
{
  char const *s ;
  int r = contenv_get(BOSUN_CONTENV, "S6_LOGGING_SCRIPT", sa) ;
  if (r < 0) strerr_diefusys(111, "read ", BOSUN_CONTENV, "/S6_LOGGING_SCRIPT") ;
  if (!r)
  {
    s = env_get2(envp, "S6_LOGGING_SCRIPT") ;
    if (!stralloc_copys(sa, s ? s : LOGWORDS_DEFAULT)) strerr_diefusys(111, "read S6_LOGGING_SCRIPT") ;
  }
  if (!stralloc_0(sa)) strerr_diefusys(111, "read S6_LOGGING_SCRIPT") ;
}

static void become_nobody (void)
{
  static gid_t groups[ACCOUNT_MAXGROUPS] ;
  uid_t uid = NOBODY_ID ;
  gid_t gid = NOBODY_ID ;
  size_t n = 0 ;
  int r ;
  if (geteuid()) return ;
  r = account_user("nobody", &uid, &gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find user nobody") ;
  if (r && !account_supplementary("nobody", gid, groups, ACCOUNT_MAXGROUPS, &n))
    strerr_diefusys(111, "read the groups of user nobody in /etc/group") ;
  if (!account_apply(uid, gid, groups, n)) strerr_diefusys(111, "switch to user nobody") ;
}

/* -f: the fifo is opened without blocking (no writer may be there yet),
   then read blocking, as s6-overlay's redirfd -rnb. */
static void read_fifo (char const *fifo)
{
  int fd = open(fifo, O_RDONLY | O_NONBLOCK) ;
  if (fd < 0) strerr_diefusys(111, "open fifo ", fifo) ;
  if (ndelay_off(fd) < 0 || fd_move(0, fd) < 0) strerr_diefusys(111, "read from fifo ", fifo) ;
}

/* The logger is this binary's s6-log applet; exec'd rather than called so
   that it starts with the empty environment, seen as such from outside. */
static void exec_logger (char const *const *argv) gccattr_noreturn ;
static void exec_logger (char const *const *argv)
{
  static char const *const noenv[1] = { 0 } ;
  char self[4096] ;
  ssize_t r = readlink("/proc/self/exe", self, sizeof self - 1) ;
  if (r <= 0 || (size_t)r >= sizeof self - 1) strcpy(self, BOSUN_SELF_FALLBACK) ;
  else self[r] = 0 ;
  execve(self, (char *const *)argv, (char *const *)noenv) ;
  strerr_dieexec(111, self) ;
}

int logutil_service_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  stralloc sa = STRALLOC_ZERO ;
  char const *fifo = 0 ;
  PROG = "logutil-service" ;
  for (int opt ; (opt = subgetopt_r(argc, argv, "f:", &l)) != -1 ;)
  {
    if (opt != 'f') strerr_dieusage(100, USAGE) ;
    fifo = l.arg ;
  }
  if (l.ind + 1 != argc) strerr_dieusage(100, USAGE) ;
  script_of(&sa, envp) ;
  {
    char const *words[sa.len / 2 + 6] ;
    int n = logwords_split(sa.s, words + 3, sa.len / 2 + 1) ;
    if (n < 0) strerr_dief(100, "S6_LOGGING_SCRIPT has an unterminated double quote: ", sa.s) ;
    words[0] = "s6-log" ; words[1] = "-b" ; words[2] = "--" ;
    words[n + 3] = argv[l.ind] ;
    words[n + 4] = 0 ;
    if (fifo) read_fifo(fifo) ;
    become_nobody() ;
    exec_logger(words) ;
  }
}

