/* One service definition as read from its directory (s6-rc.d/NAME/) [R1]-[R5],
   before names are resolved. Reading never writes anywhere [F2]. */
#ifndef BOSUN_RCDEF_H
#define BOSUN_RCDEF_H

#include <stdint.h>
#include <skalibs/stralloc.h>
#include "rc/rcdiag.h"
#include "rc/rcparse.h"

/* the number files, in this order in rcdef.num[] */
enum rc_num
{
  RCN_TIMEOUT_UP, RCN_TIMEOUT_DOWN, RCN_TIMEOUT_KILL, RCN_TIMEOUT_FINISH,
  RCN_MAX_DEATH_TALLY, RCN_NOTIFICATION_FD, RCN_LOCK_FD, RCN_COUNT
} ;

/* what the directory holds, besides the lists */
#define RCF_RUN (1u << 0)
#define RCF_FINISH (1u << 1)
#define RCF_UP (1u << 2)
#define RCF_DOWN (1u << 3)
#define RCF_DATA (1u << 4)
#define RCF_ENV (1u << 5)
#define RCF_ESSENTIAL (1u << 6)
#define RCF_CONTENTS (1u << 7)
#define RCF_PRODUCER (1u << 8)
#define RCF_CONSUMER (1u << 9)
#define RCF_PIPELINE (1u << 10)
#define RCF_DOWNSIGNAL (1u << 11)
#define RCF_DEPS (1u << 12)
#define RCF_DEPSFILE (1u << 13)      /* names came from the dependencies file */
#define RCF_CONTENTSFILE (1u << 14)  /* names came from the contents file */
#define RCF_NUM(i) (1u << (16 + (i)))

typedef struct rcdef_s rcdef ;
struct rcdef_s
{
  stralloc name ;          /* NUL-terminated */
  stralloc dir ;           /* where it was read, for messages; "(built-in)" */
  enum rc_type type ;
  int builtin ;
  int derived ;            /* made by the graph (a pipeline-name bundle), not read */
  uint32_t has ;
  stralloc deps ;          /* name\0... from dependencies.d/ and dependencies */
  stralloc contents ;      /* name\0... from contents.d/ and contents */
  stralloc up, down ;      /* oneshot command lines, word\0... */
  int upwords, downwords ; /* 0: no-op */
  stralloc producer_for ;  /* one name\0 */
  stralloc consumer_for ;  /* name\0... (several: a funnel) */
  stralloc pipeline_name ;
  int down_signal ;
  unsigned int num[RCN_COUNT] ;
} ;

void rcdef_init (rcdef *def) ;
void rcdef_free (rcdef *def) ;
char const *rc_num_file (enum rc_num i) ;

/* Reads DIR (whose last component is the service name) into def, adding to
   what def already holds (the user bundles come from two places [F2]).
   Every problem goes to d, naming its file. Returns 0 only when out of
   memory; a bad definition is reported and def left as complete as it can. */
int rcdef_read (rcdef *def, char const *dir, char const *name, rcdiag *d) ;
/* only dependencies and contents, into a built-in def (dir names the source) */
int rcdef_extend (rcdef *def, char const *dir, rcdiag *d) ;

/* how many names a name\0name\0 list holds, and walking it */
size_t rc_names_count (stralloc const *list) ;
int rc_names_has (stralloc const *list, char const *name) ;

#endif
