/* The live database under /run/s6-rc [B7][R7]: at boot, the validated
   definitions are copied into /run/s6-rc/servicedirs (the image is never
   written [P2]), each longrun's copy is linked into /run/service so the
   supervision tree runs it, starting down; later, every s6-rc call reads
   the graph back from that copy, so the database is the boot's for the
   container's whole life, whatever happens to /etc afterwards. */
#ifndef BOSUN_RCLIVE_H
#define BOSUN_RCLIVE_H

#include "rc/rcdiag.h"
#include "rc/rcgraph.h"

/* The graph of the image's own tree (built-ins, s6-rc.d, the user bundles,
   under S6_RUNTIME_PROFILE [F1][F2][F4]), every problem in d. 0 only when
   out of memory. */
int rclive_build (rcgraph *g, char const *const *envp, rcdiag *d) ;

/* Copies g into the live directory, links its longruns into servicedir and
   waits (bounded) until the tree supervises each. 1, or 0 after saying
   what failed. */
int rclive_install (rcgraph const *g, char const *servicedir) ;

/* The graph of the live copy. 1; 0 with errno ENOENT when no database was
   installed; 0 with d holding the problems (or errno set) otherwise. */
int rclive_load (rcgraph *g, rcdiag *d) ;

/* whether the live copy of service i is there and whole: one whose copy
   failed [R8] is kept for the graph, marked with this file */
#define RCLIVE_FAILED "bosun-copy-failed"
int rclive_installed (rcgraph const *g, size_t i) ;

/* the live service directory of service i */
int rclive_dir (rcgraph const *g, size_t i, char *path, size_t len) ;

#endif
