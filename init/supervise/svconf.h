/* The settings files of a service directory [V1][R5], read from the
   supervisor's cwd (the service directory) at every start of ./run, as
   s6-supervise does, so an edit takes effect at the next restart. A
   malformed file is a warning naming it, and the default is used. */
#ifndef BOSUN_SVCONF_H
#define BOSUN_SVCONF_H

#define SVCONF_TIMEOUT_FINISH 5000
#define SVCONF_MAX_DEATH_TALLY 100
#define SVCONF_MAX_DEATH_TALLY_MAX 4096

typedef struct svconf_s svconf ;
struct svconf_s
{
  int notif_fd ;                  /* -1: no notification-fd */
  unsigned int timeout_kill ;     /* ms, 0: never KILL after the down signal */
  unsigned int timeout_finish ;   /* ms, 0: finish may run forever */
  int down_signal ;
  unsigned int max_death_tally ;
} ;

void svconf_read (svconf *c, char const *name) ;
int svconf_parse_signal (char const *s, int *sig) ;
int svconf_parse_uint (char const *s, unsigned int *u) ;

#endif
