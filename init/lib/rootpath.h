/* Paths of an image that is not the running system's root (bosun check
   --root DIR): a path is resolved the way the kernel would resolve it
   inside that root after chroot, following symbolic links, absolute ones
   from the root and ".." never above it. Nothing is written. */
#ifndef BOSUN_ROOTPATH_H
#define BOSUN_ROOTPATH_H

#include <skalibs/stralloc.h>

#define ROOTPATH_MAXLINKS 40

/* root: the image's directory on this system ("" for /). path: absolute,
   as seen inside the image. out: the host path of what it names, ending
   with \0. 1: it exists; 0: it does not (ENOENT, ENOTDIR, or ELOOP after
   ROOTPATH_MAXLINKS links), out holding the inside path that failed;
   -1: an error or out of memory, errno set. */
int rootpath_resolve (char const *root, char const *path, stralloc *out) ;

/* the inside path of a host path under root, or 0 if it is not under it */
char const *rootpath_inside (char const *root, char const *hostpath) ;

#endif
