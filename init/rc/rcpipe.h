/* Pipelines [R5][R6]: producer-for and consumer-for must name each other,
   a producer feeds one consumer, a consumer may read several producers (a
   funnel). The last consumer's pipeline-name becomes a bundle of the whole
   pipeline. Works on the definitions, before the graph is built. */
#ifndef BOSUN_RCPIPE_H
#define BOSUN_RCPIPE_H

#include <stddef.h>
#include "rc/rcdiag.h"
#include "rc/rcset.h"

/* Checks every link, reports every problem to d, adds the pipeline-name
   bundles to set. pipeline (malloc'd, one per service of the final set)
   gets 1 + the pipeline number of each member, 0 elsewhere. Returns 0 when
   out of memory. */
int rcpipe_build (rcset *set, rcdiag *d, size_t **pipeline, size_t *npipelines) ;

#endif
