/* Pipelines between services [R5][R6]: the scanner holds one pipe per
   consumer, named after it. Every service whose producer-for names C
   writes into C's pipe (several producers: a funnel), C reads it; a
   service may be both (a chain). The pipe lives while any member does, so
   restarting a member or its supervisor loses nothing that was written.
   This file is the bookkeeping (names, the table of pipes); the scanner
   decides who gets which end. */
#ifndef BOSUN_SVPIPE_H
#define BOSUN_SVPIPE_H

#include <limits.h>
#include <stddef.h>

typedef struct svpipe_s svpipe ;
struct svpipe_s
{
  char consumer[NAME_MAX + 1] ;
  int fd[2] ;                    /* [0] the consumer's stdin, [1] the producers' stdout; -1 once closed */
} ;

typedef struct svpipes_s svpipes ;
struct svpipes_s
{
  svpipe *p ;
  size_t n ;
  size_t cap ;
} ;
#define SVPIPES_ZERO { .p = 0, .n = 0, .cap = 0 }

/* A producer-for file: one service name on one line; blanks and a CR
   around it are tolerated. Returns 1 and fills name, or 0 when the content
   is not exactly one valid name. */
int svpipe_parse_name (char const *buf, size_t len, char *name) ;

/* A consumer-for file, one name a line, from *pos on: returns 1 with the
   next name, -1 for a line that is not a valid name (skipped), 0 at the
   end. Blank lines are skipped. */
int svpipe_next_name (char const *buf, size_t len, size_t *pos, char *name) ;

/* The pipe held for consumer, or 0. The pointer is valid until the next
   svpipe_get or svpipe_release. */
svpipe *svpipe_find (svpipes const *t, char const *consumer) ;

/* The pipe held for consumer, created (close-on-exec) when there is none
   yet; *created says which. 0 with errno set when it cannot be created. */
svpipe *svpipe_get (svpipes *t, char const *consumer, int *created) ;

/* Closes and forgets every pipe whose consumer inuse() says no member of
   exists any more. Returns how many were released. */
typedef int svpipe_inuse_fn (char const *consumer, void *ctx) ;
size_t svpipe_release (svpipes *t, svpipe_inuse_fn *inuse, void *ctx) ;

/* Shutdown: closes every held end, so that consumers see end of file once
   their producers are gone, but keeps the entries, which still say who is
   a consumer. */
void svpipe_close_all (svpipes *t) ;

#endif
