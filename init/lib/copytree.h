#ifndef BOSUN_COPYTREE_H
#define BOSUN_COPYTREE_H
/* Copies a definition's directory tree: directories and regular files
   with their modes. A symbolic link, relative or absolute, is copied as
   what it points to (a file's content, a directory's tree), the way
   s6-rc-compile does [R8]; one that points nowhere is an error naming the
   definition, the link and its target. Anything else (fifos, sockets: a
   stale supervise/ directory in an image) is skipped.
   The copy is made on directory fds (dirfd.h): nothing under `to` is ever
   reached through a link. 1 on success; 0 with an error message naming
   the file otherwise, and then a `to` that did not exist before is
   removed again, so that a half copy never looks like a service, unless
   COPYTREE_KEEP_PARTIAL leaves it as far as it got (for a caller that
   marks it so).
   With COPYTREE_LINK_EXEC, an executable regular file becomes a symbolic
   link to the absolute path of the image's file (what a link resolves
   to) instead: the way to run service scripts when the copy is on a
   noexec filesystem (docker run --tmpfs /run mounts /run so). */
#define COPYTREE_LINK_EXEC 0x01
#define COPYTREE_KEEP_PARTIAL 0x02
int copytree (char const *from, char const *to, unsigned int flags) ;

/* whether DIR is on a filesystem mounted noexec */
int copytree_noexec (char const *dir) ;
#endif
