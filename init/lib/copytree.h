#ifndef BOSUN_COPYTREE_H
#define BOSUN_COPYTREE_H
/* Copies a directory tree: directories, regular files with their modes,
   symlinks as they are. Anything else (fifos, sockets: a stale supervise/
   directory in an image) is skipped. 1 on success, 0 with a warning naming
   the file otherwise.
   With COPYTREE_LINK_EXEC, an executable regular file becomes a symbolic
   link to its (absolute) original instead: the way to run service scripts
   when the copy is on a noexec filesystem (docker run --tmpfs /run mounts
   /run so). */
#define COPYTREE_LINK_EXEC 0x01
int copytree (char const *from, char const *to, unsigned int flags) ;

/* whether DIR is on a filesystem mounted noexec */
int copytree_noexec (char const *dir) ;
#endif
