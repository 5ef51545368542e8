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
#include "svpipe.h"

#define scanner_warn(...) strerr_warn("bosun: scanner: warning: ", __VA_ARGS__)
#define scanner_warnsys(...) strerr_warn("bosun: scanner: warning: unable to ", __VA_ARGS__, ": ", strerror(errno))

/* [0] is the service's supervisor, [1] its logger's */
struct scanner_svc_s
{
  char name[NAME_MAX + 1] ;
  dev_t dev ;
  ino_t ino ;
  pid_t pid[2] ;
  tain started[2] ;
  int pipe[2] ;          /* service stdout -> logger stdin, held here [R6] */
  char prodfor[NAME_MAX + 1] ;  /* the consumer its stdout feeds, "" if none [R6] */
  unsigned int haslog : 1 ;
  unsigned int checked : 1 ;    /* its consumer-for was compared with its producers */
  unsigned int seen : 1 ;
  unsigned int gone : 1 ;
} ;

static int svc_path (scanner const *sc, scanner_svc const *s, char const *suffix, char *path, size_t len)
{
  return (size_t)snprintf(path, len, "%s/%s%s", sc->dir, s->name, suffix) < len ;
}

/* In the child: fd 0 becomes in (/dev/null if none) and fd 1 out (left
   alone if none). Both are first copied above 2, so that neither can
   overwrite the other when PID 1 was started with fd 0 or 1 closed. */
static int child_fds (int in, int out)
{
  int fd = in >= 0 ? in : open("/dev/null", O_RDONLY | O_CLOEXEC) ;
  if (fd < 0 || (in = fcntl(fd, F_DUPFD_CLOEXEC, 3)) < 0) return 0 ;
  if (out >= 0 && ((out = fcntl(out, F_DUPFD_CLOEXEC, 3)) < 0 || fd_copy(1, out) < 0)) return 0 ;
  return fd_copy(0, in) >= 0 ;
}

/* [R6] a producer writes into its consumer's pipe (created again here if
   that failed when it appeared), a service with a logger into the pipe to
   it; -1: the container's output */
static int stdout_of (scanner *sc, scanner_svc const *s)
{
  int created ;
  svpipe const *p ;
  if (!s->prodfor[0]) return s->haslog ? s->pipe[1] : -1 ;
  p = svpipe_get(&sc->pipes, s->prodfor, &created) ;
  if (p) return p->fd[1] ;
  scanner_warnsys("create the pipe from ", s->name, " to ", s->prodfor, ", its output goes to the container's for now") ;
  return -1 ;
}

/* a consumer reads the pipe held for it, a logger the one from its
   service; everything else reads /dev/null (-1) */
static int stdin_of (scanner const *sc, scanner_svc const *s, int which)
{
  svpipe const *p ;
  if (which) return s->pipe[0] ;
  p = svpipe_find(&sc->pipes, s->name) ;
  return p ? p->fd[0] : -1 ;
}

static void spawn (scanner *sc, scanner_svc *s, int which)
{
  char name[NAME_MAX + 5] ;
  char const *argv[3] = { "s6-supervise", name, 0 } ;
  int out = which ? -1 : stdout_of(sc, s) ;
  int in = stdin_of(sc, s, which) ;
  pid_t pid ;
  snprintf(name, sizeof(name), "%s%s", s->name, which ? "/log" : "") ;
  tain_copynow(&s->started[which]) ;
  pid = fork() ;
  if (pid < 0) { strerr_warnwusys("fork a supervisor for ", name, ", retrying in a second") ; return ; }
  if (!pid)
  {
    sigreset_for_child() ;
    if (chdir(sc->dir) < 0) strerr_diefusys(111, "chdir to ", sc->dir) ;
    if (!child_fds(in, out)) strerr_diefusys(111, "give ", name, " its stdin and stdout") ;
    execve(sc->self, (char *const *)argv, (char *const *)sc->envp) ;
    strerr_dieexec(111, sc->self) ;
  }
  s->pid[which] = pid ;
}

/* reads FILE of the service's directory into buf: its length, or -1 when
   it is absent (or unreadable, which is said) */
static ssize_t read_file (scanner const *sc, scanner_svc const *s, char const *file, char *buf, size_t len)
{
  char path[PATH_MAX] ;
  ssize_t r ;
  if (!svc_path(sc, s, file, path, sizeof(path))) return -1 ;
  r = openreadnclose(path, buf, len) ;
  if (r < 0 && errno != ENOENT) scanner_warnsys("read ", path, ", it is ignored") ;
  return r ;
}

/* [R6] the pipe of consumer exists from the moment its first member
   appears; a consumer that was already running reads /dev/null until its
   supervisor restarts, which a consumer-for file avoids */
static void hold_pipe (scanner *sc, char const *consumer, char const *member)
{
  int created ;
  if (!svpipe_get(&sc->pipes, consumer, &created))
  {
    scanner_warnsys("create the pipe to ", consumer, " for ", member, ", retrying when a supervisor starts") ;
    return ;
  }
  if (created)
    for (size_t i = 0 ; i < sc->n ; i++)
      if (!sc->svc[i].gone && sc->svc[i].pid[0] && !strcmp(sc->svc[i].name, consumer))
        scanner_warn("service ", consumer, " was started before its producer ", member, ", so it does not read the pipe until its supervisor restarts: give it a consumer-for file naming its producers") ;
}

/* [R6] a new service's part in pipelines, read once, when it appears: a
   producer (producer-for), a consumer that says so (consumer-for), both
   in the middle of a chain */
static void join_pipelines (scanner *sc, scanner_svc *s)
{
  char buf[NAME_MAX + 64] ;
  char path[PATH_MAX] ;
  ssize_t r = read_file(sc, s, "/producer-for", buf, sizeof(buf)) ;
  if (r >= 0 && !svpipe_parse_name(buf, (size_t)r, s->prodfor))
  {
    scanner_warn("service ", s->name, ": producer-for does not hold one service name, so its output is not piped: write its consumer's name on one line") ;
    s->prodfor[0] = 0 ;
  }
  else if (r >= 0 && !strcmp(s->prodfor, s->name))
  {
    scanner_warn("service ", s->name, ": producer-for names the service itself, so its output is not piped: name its consumer") ;
    s->prodfor[0] = 0 ;
  }
  if (s->prodfor[0]) hold_pipe(sc, s->prodfor, s->name) ;
  if (svc_path(sc, s, "/consumer-for", path, sizeof(path)) && !access(path, F_OK)) hold_pipe(sc, s->name, s->name) ;
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
  join_pipelines(sc, s) ;
  if (svc_path(sc, s, "/log", logpath, sizeof(logpath)) && !stat(logpath, &lst) && S_ISDIR(lst.st_mode))
  {
    /* one stdout, one destination: the pipeline was asked for explicitly */
    if (s->prodfor[0]) scanner_warn("service ", name, " has both a log/ directory and a producer-for file: its output goes to ", s->prodfor, " and log/ is not started, remove one of them") ;
    else if (pipecoe(s->pipe) < 0) strerr_warnwusys("create the pipe between ", name, " and its logger: it will log to the container's output") ;
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

/* [R6] a pipe is held while its consumer or one of its producers has an
   entry here, i.e. a directory in the scanned dir or a live supervisor */
static int pipe_inuse (char const *consumer, void *ctx)
{
  scanner const *sc = ctx ;
  for (size_t i = 0 ; i < sc->n ; i++)
    if (!strcmp(sc->svc[i].name, consumer) || !strcmp(sc->svc[i].prodfor, consumer)) return 1 ;
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
  svpipe_release(&sc->pipes, &pipe_inuse, sc) ;
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

static scanner_svc const *find_name (scanner const *sc, char const *name)
{
  for (size_t i = 0 ; i < sc->n ; i++)
    if (!sc->svc[i].gone && !strcmp(sc->svc[i].name, name)) return &sc->svc[i] ;
  return 0 ;
}

/* [R6] consumer-for only informs: producers make the link. A consumer
   listing a producer that does not name it back is said once; one whose
   listed producers have not all appeared yet is looked at again at the
   next scan. */
static void check_consumer (scanner *sc, scanner_svc *s)
{
  char buf[4096] ;
  char name[NAME_MAX + 1] ;
  size_t pos = 0 ;
  int r, pending = 0 ;
  ssize_t len = read_file(sc, s, "/consumer-for", buf, sizeof(buf)) ;
  if (len < 0) { s->checked = 1 ; return ; }
  while ((r = svpipe_next_name(buf, (size_t)len, &pos, name)))
  {
    scanner_svc const *p = r > 0 ? find_name(sc, name) : 0 ;
    if (r < 0)
      scanner_warn("service ", s->name, ": consumer-for holds a line that is not a service name, it is ignored: write one producer name a line") ;
    else if (!p) { pending = 1 ; continue ; }
    else if (!strcmp(p->prodfor, s->name)) continue ;
    else scanner_warn("service ", s->name, " lists ", name, " in its consumer-for file, but ", name, "'s producer-for does not name ", s->name, ", so ", name, "'s output does not go to it: write ", s->name, " into ", name, "/producer-for or remove ", name, " from ", s->name, "/consumer-for") ;
    s->checked = 1 ;
  }
  if (!pending) s->checked = 1 ;
}

static void check_consumers (scanner *sc)
{
  for (size_t i = 0 ; i < sc->n ; i++)
    if (!sc->svc[i].gone && !sc->svc[i].checked) check_consumer(sc, &sc->svc[i]) ;
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
  check_consumers(sc) ;
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

/* [S6] The shutdown phase that stops a supervisor: 1 for services, 2 for
   loggers and for the consumers of a pipeline [R6], which must outlive
   whatever writes into their pipe to read it to the end. A chain's middle
   service is a consumer: it goes in phase 2, and its own consumer gets
   end of file only once it has exited. */
static int phase_of (scanner const *sc, scanner_svc const *s, int w)
{
  return w || svpipe_find(&sc->pipes, s->name) ? 2 : 1 ;
}

/* Supervisors are re-spawned until their phase of the shutdown starts; at
   most one spawn per second for each, so that a supervisor that cannot
   start does not make PID 1 spin. */
static int wants_respawn (scanner const *sc, scanner_svc const *s, int w)
{
  if (s->pid[w] || s->gone || (w && !s->haslog)) return 0 ;
  return sc->stopping < phase_of(sc, s, w) ;
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

/* phase 1: every service but the consumers of pipelines */
void scanner_stop_services (scanner *sc)
{
  sc->stopping = 1 ;
  for (size_t i = 0 ; i < sc->n ; i++)
    if (sc->svc[i].pid[0] && phase_of(sc, &sc->svc[i], 0) == 1) tell(sc, &sc->svc[i], 0, "dx") ;
}

/* [S6] phase 2: loggers and consumers go last. Once what writes into
   their pipes is gone, closing the ends held here gives them end of file
   after the last line, and "x" keeps their supervisors from restarting
   them: they are expected to exit at end of file, as loggers do. One that
   does not is left to init's bound on this phase, then to the final
   sweep. "x" is sent before the pipes are closed, so that it is in the
   supervisor's fifo before the death it must follow. */
void scanner_stop_loggers (scanner *sc)
{
  sc->stopping = 2 ;
  for (size_t i = 0 ; i < sc->n ; i++)
    for (int w = 0 ; w < 2 ; w++)
      if (sc->svc[i].pid[w] && phase_of(sc, &sc->svc[i], w) == 2) tell(sc, &sc->svc[i], w, "x") ;
  svpipe_close_all(&sc->pipes) ;
  for (size_t i = 0 ; i < sc->n ; i++)
  {
    scanner_svc *s = &sc->svc[i] ;
    fd_close(s->pipe[0]) ; fd_close(s->pipe[1]) ;
    s->pipe[0] = s->pipe[1] = -1 ;
  }
}

/* the supervisors still running of phase 1 (services), or of phase 2
   (loggers and consumers) */
size_t scanner_running (scanner const *sc, int loggers)
{
  size_t count = 0 ;
  for (size_t i = 0 ; i < sc->n ; i++)
    for (int w = 0 ; w < 2 ; w++)
      if (sc->svc[i].pid[w] && phase_of(sc, &sc->svc[i], w) == (loggers ? 2 : 1)) count++ ;
  return count ;
}
