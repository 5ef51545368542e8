/* Stage 2 runs in a child of PID 1 and ends by becoming the CMD, so that PID
   1 gets the CMD's exit status first hand. Its report pipe is close-on-exec:
   PID 1 reads STAGE2_REPORT_NOCMD when there is no CMD, and end-of-file
   without a byte once the CMD has been started [X1]. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <sys/wait.h>
#include <skalibs/types.h>
#include "exitcode.h"
#include "rc/rctrans.h"
#include "catchall.h"
#include "paths.h"
#include "sigreset.h"
#include "spawn.h"
#include "stages.h"

extern char **environ ;

/* [X6]: with a terminal, the CMD gets its own process group and the
   terminal's foreground, so that ^C reaches the CMD's job, not the init. */
static void take_terminal (void)
{
  sigset_t ttou, old ;
  if (!isatty(0) || tcgetpgrp(0) < 0) return ;
  if (setpgid(0, 0) < 0) return ;
  sigemptyset(&ttou) ;
  sigaddset(&ttou, SIGTTOU) ;
  sigprocmask(SIG_BLOCK, &ttou, &old) ;
  if (tcsetpgrp(0, getpid()) < 0) strerr_warnwusys("give the terminal to the CMD") ;
  sigprocmask(SIG_SETMASK, &old, 0) ;
}

/* One byte on the report pipe: where stage 2 is. A lost byte only makes
   a death report vaguer, so a failure to write is not said. */
void stage2_report (int fd, char step)
{
  if (fd >= 0 && write(fd, &step, 1) < 0) return ;
}

/* S6_CMD_ARG0 is split into words on blanks, no shell parsing [X3]. */
static size_t split_words (char *s, char const **words, size_t max)
{
  size_t n = 0 ;
  char *save = 0 ;
  for (char *w = strtok_r(s, " \t\n", &save) ; w && n < max ; w = strtok_r(0, " \t\n", &save))
    words[n++] = w ;
  return n ;
}

static void run_cmd (config const *cfg, char const *const *cmd, unsigned int cmdlen, char const *const *childenv, int report)
{
  size_t arg0len = cfg->cmd_arg0 ? strlen(cfg->cmd_arg0) : 0 ;
  char arg0[arg0len + 1] ;
  char const **argv = malloc((arg0len / 2 + 2 + cmdlen) * sizeof(char const *)) ;
  size_t n = 0 ;
  int e ;
  if (!argv) strerr_diefusys(111, "run the CMD") ;
  if (arg0len)
  {
    memcpy(arg0, cfg->cmd_arg0, arg0len + 1) ;
    n = split_words(arg0, argv, arg0len / 2 + 1) ;
  }
  for (unsigned int i = 0 ; i < cmdlen ; i++) argv[n++] = cmd[i] ;
  argv[n] = 0 ;
  if (cfg->cmd_use_terminal) catchall_cmd_terminal() ;   /* S6_LOGGING: the CMD on the container's fds */
  take_terminal() ;
  stage2_report(report, STAGE2_REPORT_CMD) ;
  sigreset_for_child() ;
  environ = (char **)childenv ;
  execvp(argv[0], (char *const *)argv) ;
  e = errno ;
  /* [I2]: the shell's codes, and a message naming what could not be run */
  if (e == ENOENT)
    strerr_dief(127, "CMD ", argv[0], " not found: check the image's CMD, and PATH=", getenv("PATH") ? getenv("PATH") : "") ;
  errno = e ;
  strerr_diefusys(126, "run CMD ", argv[0], " (check that it is an executable file)") ;
}

/* s6-overlay's stage 2 names itself so in the lines images grep [B12] */
#define RCINIT "/run/s6/basedir/scripts/rc.init"

/* S6_BEHAVIOUR_IF_STAGE2_FAILS: 0 goes on quietly, 1 warns, 2 stops the
   container with code (contract s.6) [B7]. With rcline, s6-overlay's
   lines first, then bosun's [B12]. */
static void failed (config const *cfg, int report, unsigned char code, char const *what, int rcline)
{
  char msg[2] = { STAGE2_REPORT_FATAL, (char)code } ;
  if (!cfg->stage2_fails) return ;
  if (rcline)
    strerr_warn(RCINIT ": warning: s6-rc failed to properly bring all the services up! Check your logs (in /run/uncaught-logs/current if you have in-container logging) for more information.") ;
  if (cfg->stage2_fails == 1)
  {
    strerr_warnw(what, ", going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
    return ;
  }
  if (rcline) strerr_warn(RCINIT ": fatal: stopping the container.") ;
  if (write(report, msg, 2) < 2) strerr_warnwusys("report to the init") ;
  strerr_dief(code, what, ", stopping the container (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)") ;
}

/* [B7] 1: S6_STAGE2_HOOK, split into words (no shell), run with the
   children's environment before the database is built, so that it may
   add or remove service definitions. A failure stops the container only
   at S6_BEHAVIOUR_IF_STAGE2_FAILS=2, with the hook's own code. */
static void run_hook (config const *cfg, char const *const *childenv, int report)
{
  size_t len = strlen(cfg->stage2_hook) ;
  char copy[len + 1] ;
  char const *argv[len / 2 + 2] ;
  char fmt[UINT_FMT] ;
  int wstat ;
  unsigned int code ;
  pid_t pid ;
  memcpy(copy, cfg->stage2_hook, len + 1) ;
  argv[split_words(copy, argv, len / 2 + 1)] = 0 ;
  if (!argv[0]) return ;
  {
    spawn sp = SPAWN_ZERO ;
    sp.who = "S6_STAGE2_HOOK" ; sp.argv = argv ; sp.envp = childenv ;
    pid = spawn_start(&sp) ;
  }
  if (pid < 0) { strerr_warnwusys("fork for S6_STAGE2_HOOK") ; return ; }
  if (waitpid_nointr(pid, &wstat, 0) != pid) { strerr_warnwusys("wait for S6_STAGE2_HOOK") ; return ; }
  code = exitcode_of_wstat(wstat) ;
  fmt[uint_fmt(fmt, code)] = 0 ;
  /* rc.init's lines, with the variable's whole value [B12] */
  if (!code) { if (cfg->verbosity >= 2) strerr_warn(RCINIT ": info: hook ", cfg->stage2_hook, " exited 0") ; return ; }
  if (cfg->stage2_fails >= 2)
  {
    strerr_warn(RCINIT ": fatal: hook ", cfg->stage2_hook, " exited ", fmt) ;
    failed(cfg, report, (unsigned char)code, "S6_STAGE2_HOOK failed", 0) ;
  }
  else if (cfg->verbosity >= 1) strerr_warn(RCINIT ": warning: hook ", cfg->stage2_hook, " exited ", fmt) ;
}

/* What stage 2 does before the CMD: the hook, then the rc engine builds
   the database and brings "top" up [B7] (cont-init.d and services.d are
   its built-in oneshots [B8]). */
static void boot (config const *cfg, char const *const *childenv, int report)
{
  if (cfg->stage2_hook)
  {
    stage2_report(report, STAGE2_REPORT_HOOK) ;
    run_hook(cfg, childenv, report) ;
  }
  stage2_report(report, STAGE2_REPORT_DATABASE) ;
  switch (rcboot_up(cfg, childenv, report))
  {
    case RCTRANS_OK :
      /* bosun health's sign that top is up; without it, health says "boot still in progress" */
      if (!openwritenclose_unsafe(BOSUN_STAGE2_DONE, "", 0)) strerr_warnwusys("write " BOSUN_STAGE2_DONE) ;
      return ;
    /* PID 1 is stopping the container: no CMD */
    case RCTRANS_INTERRUPTED : _exit(0) ;
    case RCTRANS_TIMEOUT :
      failed(cfg, report, 2, "bringing the services up timed out (S6_CMD_WAIT_FOR_SERVICES_MAXTIME)", 1) ;
      return ;
    case RCBOOT_BADDB : failed(cfg, report, 1, "the service database is invalid", 0) ; return ;
    default : failed(cfg, report, 1, "some services failed to start (above)", 1) ; return ;
  }
}

struct stage2
{
  config const *cfg ;
  char const *const *cmd ;
  unsigned int cmdlen ;
  char const *const *childenv ;
  int report ;
  int reportr ;
} ;

/* The child: the boot, then the CMD in the same process (exec'd), so that
   the CMD's pid is the one PID 1 watches. The report pipe is
   close-on-exec: its end tells PID 1 the CMD runs, or stage 2 died. */
static void stage2_child (void *ctx)
{
  struct stage2 const *st = ctx ;
  PROG = "bosun: stage2" ;
  close(st->reportr) ;
  boot(st->cfg, st->childenv, st->report) ;
  if (!st->cmdlen)
  {
    char c = STAGE2_REPORT_NOCMD ;
    if (write(st->report, &c, 1) < 0) _exit(111) ;
    _exit(0) ;
  }
  run_cmd(st->cfg, st->cmd, st->cmdlen, st->childenv, st->report) ;
}

pid_t stage2_spawn (config const *cfg, char const *const *cmd, unsigned int cmdlen, char const *const *childenv, int *reportfd)
{
  int p[2] ;
  pid_t pid ;
  if (pipecoe(p) < 0) strerr_diefusys(111, "create the stage 2 report pipe") ;
  {
    struct stage2 st = { .cfg = cfg, .cmd = cmd, .cmdlen = cmdlen, .childenv = childenv, .report = p[1], .reportr = p[0] } ;
    spawn sp = SPAWN_ZERO ;
    sp.who = "stage 2" ; sp.inchild = &stage2_child ; sp.ctx = &st ;
    pid = spawn_start(&sp) ;
  }
  if (pid < 0) strerr_diefusys(111, "fork stage 2") ;
  close(p[1]) ;
  if (ndelay_on(p[0]) < 0) strerr_diefusys(111, "set the stage 2 report pipe non-blocking") ;
  *reportfd = p[0] ;
  return pid ;
}

static char const *step_name (char step)
{
  switch (step)
  {
    case STAGE2_REPORT_HOOK : return "while running S6_STAGE2_HOOK" ;
    case STAGE2_REPORT_DATABASE : return "while building the service database" ;
    case STAGE2_REPORT_TOP : return "while bringing top up" ;
    case STAGE2_REPORT_CONTINIT : return "while bringing top up, at cont-init.d (legacy-cont-init)" ;
    case STAGE2_REPORT_SERVICES : return "while bringing top up, at services.d (legacy-services)" ;
    default : return "before its first step" ;
  }
}

/* the names of top that the state file does not hold, ", "-separated;
   0 when top's list was never written (stage 2 died before) */
static int unstarted (stralloc *names)
{
  stralloc top = STRALLOC_ZERO, state = STRALLOC_ZERO ;
  int ok = openslurpclose(&top, BOSUN_STAGE2_TOP) ;
  if (!ok) { stralloc_free(&top) ; return 0 ; }
  if (!openslurpclose(&state, BOSUN_RC_STATE)) state.len = 0 ;
  if (!stralloc_catb(&state, "\n", 1)) state.len = 0 ;
  for (size_t i = 0 ; ok && i < top.len ; )
  {
    size_t len = byte_chr(top.s + i, top.len - i, '\n') ;
    char const *line = top.s + i ;
    int found = 0 ;
    for (size_t k = 0 ; !found && k + len < state.len ; k += byte_chr(state.s + k, state.len - k, '\n') + 1)
      found = !memcmp(state.s + k, line, len) && state.s[k + len] == '\n' ;
    if (!found && len)
      ok = (!names->len || stralloc_catb(names, ", ", 2)) && stralloc_catb(names, line, len) ;
    i += len + 1 ;
  }
  stralloc_free(&top) ;
  stralloc_free(&state) ;
  return 1 ;
}

void stage2_died (int wstat, char step)
{
  stralloc names = STRALLOC_ZERO ;
  char fmt[INT_FMT] ;
  if (WIFSIGNALED(wstat))
  {
    fmt[int_fmt(fmt, WTERMSIG(wstat))] = 0 ;
    char const *name = sig_name(WTERMSIG(wstat)) ;
    strerr_warn(PROG, ": fatal: stage 2 was killed by signal ", fmt, " (SIG", name ? name : "?", ") ", step_name(step),
      ", before the CMD: stopping the container with exit code 1 (see the kernel log for the OOM killer, or who sent it)") ;
  }
  else
  {
    fmt[int_fmt(fmt, WEXITSTATUS(wstat))] = 0 ;
    strerr_warn(PROG, ": fatal: stage 2 exited ", fmt, " ", step_name(step), ", before the CMD: stopping the container with exit code 1") ;
  }
  if (!unstarted(&names)) strerr_warn(PROG, ": info: top was not brought up: no service of it was started") ;
  else if (!names.len) strerr_warn(PROG, ": info: top was up; the CMD was not started") ;
  else if (stralloc_0(&names)) strerr_warn(PROG, ": info: top was not brought up, left unstarted: ", names.s) ;
  stralloc_free(&names) ;
}
