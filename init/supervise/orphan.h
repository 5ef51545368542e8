/* [V7] A supervisor killed with SIGKILL leaves its child behind (./run,
   or ./finish if it was running), and the scanner starts a new supervisor
   on the same directory. That one must neither start a second copy of the
   service nor lose the state the service was wanted in.
   Each supervisor keeps supervise/bosun-run, one line (bosun's own file,
   s6's tools ignore it):
     TREEPID TREESTART PID START KIND
   - TREEPID TREESTART: its parent (the scanner) and the parent's start
     time (/proc/PID/stat field 22): a new supervisor whose parent is the
     same process is a re-spawn in the same tree, and trusts the old status
     file's "want up" flag; any other one (a new container on a kept
     directory, a new scanner) is a first start, where ./down decides;
   - PID START KIND: the child it had last started, with its start time,
     "r" for ./run (a session leader: its process group is stopped) or "f"
     for ./finish (in the supervisor's group: only it is stopped), "-" for
     none. A live process with that pid and that start time is the orphan,
     whatever its cwd; a pid reused since has another start time.
   The orphan is stopped (down signal and CONT, KILL after timeout-kill or
   2 s, waited for through a pidfd), not adopted: it is not the new
   supervisor's child, so nothing could reap it or learn how it ends. The
   pipe to its logger is PID 1's, so the new ./run writes into the same
   one. */
#ifndef BOSUN_ORPHAN_H
#define BOSUN_ORPHAN_H

#include <stdint.h>
#include <sys/types.h>

#define ORPHAN_FILE "supervise/bosun-run"

typedef struct orphan_rec_s orphan_rec ;
struct orphan_rec_s
{
  uint64_t treepid ;
  uint64_t treestart ;
  uint64_t pid ;        /* 0: none */
  uint64_t start ;
  char kind ;           /* 'r' run, 'f' finish, '-' none */
} ;

/* the start time of pid in clock ticks since boot; 0 when it is gone */
uint64_t orphan_starttime (pid_t pid) ;

/* rec's tree fields from getppid(); the child fields cleared */
void orphan_here (orphan_rec *rec) ;
/* 1 and rec filled, 0 when there is no valid record */
int orphan_read (orphan_rec *rec) ;
/* records pid (0 for none) as the current child of kind; 1, 0 with errno */
int orphan_write (orphan_rec *rec, pid_t pid, char kind) ;

int orphan_same_tree (orphan_rec const *old, orphan_rec const *here) ;
/* the recorded child, if it still runs: its pid, else 0 */
pid_t orphan_alive (orphan_rec const *old) ;
void orphan_stop (char const *name, pid_t pid, int group, int sig, unsigned int killms) ;

#endif
