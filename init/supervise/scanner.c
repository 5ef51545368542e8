#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "scanner.h"
#include "sigreset.h"

/* [0] is the service's supervisor, [1] its logger's */
struct scanner_svc_s
{
  char name[NAME_MAX + 1] ;
  dev_t dev ;
  ino_t ino ;
  pid_t pid[2] ;
  tain started[2] ;
  int pipe[2] ;          /* service stdout -> logger stdin, held here [R6] */
  unsigned int haslog : 1 ;
  unsigned int seen : 1 ;
  unsigned int gone : 1 ;
} ;

static int svc_path (scanner const *sc, scanner_svc const *s, char const *suffix, char *path, size_t len)
{
  return (size_t)snprintf(path, len, "%s/%s%s", sc->dir, s->name, suffix) < len ;
}

static void spawn (scanner *sc, scanner_svc *s, int which)
{
  char name[NAME_MAX + 5] ;
  char const *argv[3] = { "s6-supervise", name, 0 } ;
  pid_t pid ;
  snprintf(name, sizeof(name), "%s%s", s->name, which ? "/log" : "") ;
  tain_copynow(&s->started[which]) ;
  pid = fork() ;
  if (pid < 0) { strerr_warnwusys("fork a supervisor for ", name, ", retrying in a second") ; return ; }
  if (!pid)
  {
    sigreset_for_child() ;
    if (chdir(sc->dir) < 0) strerr_diefusys(111, "chdir to ", sc->dir) ;
    if (s->haslog && fd_copy(which ? 0 : 1, s->pipe[which ? 0 : 1]) < 0)
      strerr_diefusys(111, "connect ", name, " to its logger") ;
    execve(sc->self, (char *const *)argv, (char *const *)sc->envp) ;
    strerr_dieexec(111, sc->self) ;
  }
  s->pid[which] = pid ;
}

static scanner_svc *add (scanner *sc, char const *name, struct stat const *st)
{
  scanner_svc *s ;
  char logpath[PATH_MAX] ;
  struct stat lst ;
  if (sc->n == sc->cap)
  {
    size_t cap = sc->cap ? 2 * sc->cap : 16 ;
    scanner_svc *p = realloc(sc->svc, cap * sizeof(scanner_svc)) ;
    if (!p) { strerr_warnwusys("supervise ", name, ": out of memory, retrying at the next scan") ; return 0 ; }
    sc->svc = p ; sc->cap = cap ;
  }
  s = &sc->svc[sc->n++] ;
  memset(s, 0, sizeof(*s)) ;
  snprintf(s->name, sizeof(s->name), "%s", name) ;
  s->dev = st->st_dev ; s->ino = st->st_ino ;
  s->pipe[0] = s->pipe[1] = -1 ;
  if (svc_path(sc, s, "/log", logpath, sizeof(logpath)) && !stat(logpath, &lst) && S_ISDIR(lst.st_mode))
  {
    if (pipecoe(s->pipe) < 0) strerr_warnwusys("create the pipe between ", name, " and its logger: it will log to the container's output") ;
    else s->haslog = 1 ;
  }
  return s ;
}

static scanner_svc *find (scanner *sc, char const *name, struct stat const *st)
{
  for (size_t i = 0 ; i < sc->n ; i++)
    if (!sc->svc[i].gone && !strcmp(sc->svc[i].name, name))
    {
      if (sc->svc[i].dev == st->st_dev && sc->svc[i].ino == st->st_ino) return &sc->svc[i] ;
      sc->svc[i].gone = 1 ;    /* same name, another directory: a new service */
    }
  return 0 ;
}

static void forget_dead (scanner *sc)
{
  for (size_t i = 0 ; i < sc->n ; )
  {
    scanner_svc *s = &sc->svc[i] ;
    if (s->gone && !s->pid[0] && !s->pid[1])
    {
      fd_close(s->pipe[0]) ; fd_close(s->pipe[1]) ;
      *s = sc->svc[--sc->n] ;
    }
    else i++ ;
  }
}

int scanner_init (scanner *sc, char const *dir, char const *self, char const *const *envp)
{
  char path[PATH_MAX] ;
  memset(sc, 0, sizeof(*sc)) ;
  sc->dir = dir ; sc->self = self ; sc->envp = envp ; sc->control = -1 ;
  snprintf(path, sizeof(path), "%s/.s6-svscan", dir) ;
  if (mkdir(path, 0755) < 0 && errno != EEXIST) { strerr_warnwusys("create ", path) ; return 0 ; }
  snprintf(path, sizeof(path), "%s/.s6-svscan/control", dir) ;
  if (mkfifo(path, 0600) < 0 && errno != EEXIST) { strerr_warnwusys("create ", path, ": s6-svscanctl will not work") ; return 0 ; }
  sc->control = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC) ;
  if (sc->control < 0) { strerr_warnwusys("open ", path, ": s6-svscanctl will not work") ; return 0 ; }
  return 1 ;
}

/* Finds new service directories (symlinks followed, dot-names skipped) and
   starts their supervisors; with prune, tells the supervisors of vanished
   ones to bring their service down and exit. */
void scanner_scan (scanner *sc, int prune)
{
  DIR *d ;
  if (sc->stopping) return ;
  d = opendir(sc->dir) ;
  if (!d) { strerr_warnwusys("scan ", sc->dir) ; return ; }
  for (size_t i = 0 ; i < sc->n ; i++) sc->svc[i].seen = 0 ;
  for (;;)
  {
    char path[PATH_MAX] ;
    struct stat st ;
    scanner_svc *s ;
    direntry *de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.') continue ;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", sc->dir, de->d_name) >= sizeof(path)) continue ;
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) continue ;
    s = find(sc, de->d_name, &st) ;
    if (!s) s = add(sc, de->d_name, &st) ;
    if (s) s->seen = 1 ;
  }
  dir_close(d) ;
  for (size_t i = 0 ; i < sc->n ; i++)
  {
    scanner_svc *s = &sc->svc[i] ;
    if (s->seen) continue ;
    s->gone = 1 ;
    if (prune) for (int w = 0 ; w < 2 ; w++) if (s->pid[w]) kill(s->pid[w], SIGTERM) ;
  }
  forget_dead(sc) ;
  scanner_respawn_due(sc) ;
}

/* s6-svscanctl: a rescan, n/N prune, and the commands that end the
   supervision tree, which for a container means the container stops. */
int scanner_control (scanner *sc)
{
  char buf[64] ;
  int what = SCANNER_NOTHING ;
  ssize_t r = read(sc->control, buf, sizeof(buf)) ;
  for (ssize_t i = 0 ; i < r ; i++)
    switch (buf[i])
    {
      case 'a' : scanner_scan(sc, 0) ; break ;
      case 'n' : case 'N' : scanner_scan(sc, 1) ; break ;
      case 't' : case 'q' : case 'i' : case 'b' : case '0' : case '6' : case '7' : case '8' : case 's' :
        what = SCANNER_HALT ; break ;
      default : break ;
    }
  return what ;
}

int scanner_reaped (scanner *sc, pid_t pid)
{
  for (size_t i = 0 ; i < sc->n ; i++)
    for (int w = 0 ; w < 2 ; w++)
      if (sc->svc[i].pid[w] == pid)
      {
        sc->svc[i].pid[w] = 0 ;
        forget_dead(sc) ;
        return 1 ;
      }
  return 0 ;
}

/* Services' supervisors are re-spawned until stage 3 starts, loggers' until
   the services are gone; at most one spawn per second for each, so that a
   supervisor that cannot start does not make PID 1 spin. */
static int wants_respawn (scanner const *sc, scanner_svc const *s, int w)
{
  if (s->pid[w] || s->gone || (w && !s->haslog)) return 0 ;
  return w ? sc->stopping < 2 : !sc->stopping ;
}

static void due_time (scanner_svc const *s, int w, tain *t)
{
  tain_addsec(t, &s->started[w], 1) ;
}

int scanner_deadline (scanner const *sc, tain *deadline)
{
  int found = 0 ;
  for (size_t i = 0 ; i < sc->n ; i++)
    for (int w = 0 ; w < 2 ; w++)
      if (wants_respawn(sc, &sc->svc[i], w))
      {
        tain t ;
        due_time(&sc->svc[i], w, &t) ;
        if (!found || tain_less(&t, deadline)) *deadline = t ;
        found = 1 ;
      }
  return found ;
}

void scanner_respawn_due (scanner *sc)
{
  for (size_t i = 0 ; i < sc->n ; i++)
    for (int w = 1 ; w >= 0 ; w--)   /* a logger before its service */
      if (wants_respawn(sc, &sc->svc[i], w))
      {
        tain t ;
        due_time(&sc->svc[i], w, &t) ;
        if (!tain_less(&STAMP, &t)) spawn(sc, &sc->svc[i], w) ;
      }
}

/* Writes a command to a supervisor's control fifo; when nobody reads it
   (the supervisor is starting), SIGTERM means the same to s6-supervise. */
static void tell (scanner const *sc, scanner_svc const *s, int w, char const *cmd)
{
  char path[PATH_MAX] ;
  int fd ;
  if (!svc_path(sc, s, w ? "/log/supervise/control" : "/supervise/control", path, sizeof(path))) return ;
  fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd >= 0 && write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd)) { close(fd) ; return ; }
  if (fd >= 0) close(fd) ;
  kill(s->pid[w], SIGTERM) ;
}

void scanner_stop_services (scanner *sc)
{
  sc->stopping = 1 ;
  for (size_t i = 0 ; i < sc->n ; i++)
    if (sc->svc[i].pid[0]) tell(sc, &sc->svc[i], 0, "dx") ;
}

/* [S6] loggers go last: once their services are gone, closing the pipes
   gives them end-of-file after the last line, and "x" keeps their
   supervisors from restarting them. */
void scanner_stop_loggers (scanner *sc)
{
  sc->stopping = 2 ;
  for (size_t i = 0 ; i < sc->n ; i++)
  {
    scanner_svc *s = &sc->svc[i] ;
    fd_close(s->pipe[0]) ; fd_close(s->pipe[1]) ;
    s->pipe[0] = s->pipe[1] = -1 ;
    if (s->pid[1]) tell(sc, s, 1, "x") ;
  }
}

size_t scanner_running (scanner const *sc, int loggers)
{
  size_t count = 0 ;
  for (size_t i = 0 ; i < sc->n ; i++) if (sc->svc[i].pid[loggers ? 1 : 0]) count++ ;
  return count ;
}
