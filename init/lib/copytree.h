#ifndef BOSUN_COPYTREE_H
#define BOSUN_COPYTREE_H
/* Copies a directory tree: directories, regular files with their modes,
   symlinks as they are. Anything else (fifos, sockets: a stale supervise/
   directory in an image) is skipped. 1 on success, 0 with a warning naming
   the file otherwise. */
int copytree (char const *from, char const *to) ;
#endif
