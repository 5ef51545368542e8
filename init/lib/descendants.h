/* When bosun is not PID 1 [B1] it cannot signal "every process" with
   kill(-1): that would reach the host. It signals its descendants instead,
   found through /proc. */
#ifndef BOSUN_DESCENDANTS_H
#define BOSUN_DESCENDANTS_H

#include <stddef.h>
#include <sys/types.h>

size_t descendants_mark (pid_t root, pid_t const *pids, pid_t const *ppids, size_t n, unsigned char *mark) ;
int descendants_signal (pid_t root, int sig) ;
int descendants_signal_but (pid_t root, pid_t spare, int sig) ;
/* 1 if the caller has a child but spare, 0 if not, -1 if unknown */
int descendants_children_left (pid_t spare) ;
int proc_stat_ppid (char const *stat, size_t len, pid_t *ppid) ;
/* 1 if that stat line is a zombie's */
int proc_stat_dead (char const *stat, size_t len) ;

#endif
