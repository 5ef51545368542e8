/* One way to start a child, for every part [I1]. The child gets an empty
   signal mask and default dispositions, its own session or process group
   when asked (made before spawn_start returns, so that a kill of the
   group can never land before the group exists), the fds it is given
   (fds[i] becomes its fd i) and nothing else the caller did not mean to
   give, a working directory, an account; then it runs a function or
   execs a program. An exec that fails says why in one form, naming the
   program and the cause, and exits 127 (not found) or 126 (any other),
   as a shell does. Only this module calls fork(). */
#ifndef BOSUN_SPAWN_H
#define BOSUN_SPAWN_H

#include <stdint.h>
#include <sys/types.h>

#define SPAWN_SESSION 0x01U   /* setsid: a new session and process group */
#define SPAWN_PGROUP 0x02U    /* setpgid: a new process group */
#define SPAWN_ACCOUNT 0x04U   /* switch to uid and gid (no supplementary groups) */
#define SPAWN_CLOSEFROM 0x08U /* close every fd from nfds up */
#define SPAWN_KEEPSIG 0x10U   /* keep the caller's signal mask and dispositions */

#define SPAWN_CLOSE (-2)

typedef void spawn_fn (void *ctx) ;

typedef struct spawn_s spawn ;
struct spawn_s
{
  char const *who ;             /* the child in messages: "service web"; 0: the program names it */
  char const *level ;           /* of an exec failure's message: "warning", "error" */
  char const *tail ;            /* appended to that message, or 0 */
  char const *file ;            /* the program; 0: argv[0], looked up in PATH when it has no '/' */
  char const *const *argv ;     /* its arguments; 0: no exec, inchild does the work */
  char const *const *envp ;     /* its environment; 0: the child's environ at exec time */
  char const *cwd ;             /* 0: the caller's */
  int const *fds ;              /* fds[i] becomes fd i; -1 leaves fd i as it is; SPAWN_CLOSE closes it */
  unsigned int nfds ;
  uint32_t flags ;
  uid_t uid ;
  gid_t gid ;
  spawn_fn *inchild ;           /* last step before exec; without argv it must not return */
  void *ctx ;
} ;

#define SPAWN_ZERO { .who = 0, .level = "warning", .tail = 0, .file = 0, .argv = 0, .envp = 0, .cwd = 0, \
  .fds = 0, .nfds = 0, .flags = 0, .uid = 0, .gid = 0, .inchild = 0, .ctx = 0 }

/* The child's pid, or -1 with errno set when it could not be made. */
pid_t spawn_start (spawn const *sp) ;

/* Why an exec of file failed with errno e, as the end of a sentence that
   starts with the file's name ("is not executable, chmod +x it"). */
char const *spawn_why (int e, char const *file) ;

/* Chain loading: exec argv (PATH-searched) with envp in this very
   process; if it cannot, says why as spawn does and exits 127 or 126. */
void spawn_exec (char const *const *argv, char const *const *envp) __attribute__((noreturn)) ;

/* In a child: says why the exec of file failed, then exits 126 or 127. */
void spawn_exec_failed (spawn const *sp, char const *file, int e) __attribute__((noreturn)) ;

#endif
