#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "svpipe.h"

static int parse (char const *s, char *name)
{
  return svpipe_parse_name(s, strlen(s), name) ;
}

TEST(svpipe_producer_for_is_one_name_on_one_line)
{
  char name[NAME_MAX + 1] ;
  CHECK(parse("consumer\n", name)) ; CHECK_STR(name, "consumer") ;
  CHECK(parse("consumer", name)) ; CHECK_STR(name, "consumer") ;
  CHECK(parse("  svc-b \r\n\n", name)) ; CHECK_STR(name, "svc-b") ;
  CHECK(parse("\nlate\n", name)) ; CHECK_STR(name, "late") ;
  CHECK(!parse("", name)) ;
  CHECK(!parse(" \n\r\n", name)) ;
  CHECK(!parse("a\nb\n", name)) ;
  CHECK(!parse("a/b\n", name)) ;
  CHECK(!parse(".hidden\n", name)) ;
  CHECK(!parse("..\n", name)) ;
  CHECK(!parse("bad\001name\n", name)) ;
}

TEST(svpipe_names_longer_than_a_file_name_are_refused)
{
  char buf[NAME_MAX + 3] ;
  char name[NAME_MAX + 1] ;
  memset(buf, 'x', NAME_MAX) ; buf[NAME_MAX] = '\n' ; buf[NAME_MAX + 1] = 0 ;
  CHECK(parse(buf, name)) ;
  CHECK_INT(strlen(name), NAME_MAX) ;
  buf[NAME_MAX] = 'x' ; buf[NAME_MAX + 1] = '\n' ; buf[NAME_MAX + 2] = 0 ;
  CHECK(!svpipe_parse_name(buf, NAME_MAX + 2, name)) ;
}

TEST(svpipe_consumer_for_lists_producers_one_a_line)
{
  char const *s = "p1\n\n  p2\r\nbad/one\np3" ;
  size_t pos = 0 ;
  char name[NAME_MAX + 1] ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), 1) ; CHECK_STR(name, "p1") ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), 1) ; CHECK_STR(name, "p2") ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), -1) ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), 1) ; CHECK_STR(name, "p3") ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), 0) ;
  CHECK_INT(svpipe_next_name(s, strlen(s), &pos, name), 0) ;
}

static int is_open (int fd)
{
  return fcntl(fd, F_GETFD) >= 0 ;
}

TEST(svpipe_one_pipe_per_consumer_close_on_exec_and_connected)
{
  svpipes t = SVPIPES_ZERO ;
  int created = 0, fd0, fd1 ;
  char c ;
  svpipe *p = svpipe_get(&t, "c", &created) ;
  CHECK(p) ; CHECK(created) ;
  fd0 = p->fd[0] ; fd1 = p->fd[1] ;
  CHECK(fcntl(fd0, F_GETFD) & FD_CLOEXEC) ;
  CHECK(fcntl(fd1, F_GETFD) & FD_CLOEXEC) ;
  /* a second member gets the same pipe */
  p = svpipe_get(&t, "c", &created) ;
  CHECK(p) ; CHECK(!created) ;
  CHECK_INT(p->fd[0], fd0) ; CHECK_INT(p->fd[1], fd1) ;
  CHECK(write(fd1, "x", 1) == 1) ;
  CHECK(read(fd0, &c, 1) == 1 && c == 'x') ;
  CHECK(svpipe_find(&t, "c") == p) ;
  CHECK(!svpipe_find(&t, "d")) ;
  CHECK_INT(t.n, 1) ;
}

TEST(svpipe_table_grows_and_keeps_every_pipe)
{
  svpipes t = SVPIPES_ZERO ;
  char name[16] ;
  int created ;
  for (int i = 0 ; i < 40 ; i++)
  {
    snprintf(name, sizeof(name), "c%d", i) ;
    CHECK(svpipe_get(&t, name, &created) && created) ;
  }
  CHECK_INT(t.n, 40) ;
  for (int i = 0 ; i < 40 ; i++)
  {
    svpipe const *p ;
    snprintf(name, sizeof(name), "c%d", i) ;
    p = svpipe_find(&t, name) ;
    CHECK(p && is_open(p->fd[0]) && is_open(p->fd[1])) ;
  }
}

static int only_b (char const *consumer, void *ctx)
{
  (void)ctx ;
  return !strcmp(consumer, "b") ;
}

TEST(svpipe_release_closes_the_pipes_no_member_holds)
{
  svpipes t = SVPIPES_ZERO ;
  int created, a0, a1, b0 ;
  svpipe *p = svpipe_get(&t, "a", &created) ;
  a0 = p->fd[0] ; a1 = p->fd[1] ;
  p = svpipe_get(&t, "b", &created) ;
  b0 = p->fd[0] ;
  CHECK_INT(svpipe_release(&t, &only_b, 0), 1) ;
  CHECK_INT(t.n, 1) ;
  CHECK(!svpipe_find(&t, "a")) ;
  CHECK(svpipe_find(&t, "b")) ;
  errno = 0 ;
  CHECK(!is_open(a0) && errno == EBADF) ;
  CHECK(!is_open(a1)) ;
  CHECK(is_open(b0)) ;
  CHECK_INT(svpipe_release(&t, &only_b, 0), 0) ;
}

TEST(svpipe_close_all_keeps_who_is_a_consumer)
{
  svpipes t = SVPIPES_ZERO ;
  int created, fd0, fd1 ;
  svpipe *p = svpipe_get(&t, "c", &created) ;
  fd0 = p->fd[0] ; fd1 = p->fd[1] ;
  svpipe_close_all(&t) ;
  p = svpipe_find(&t, "c") ;
  CHECK(p) ;
  CHECK_INT(p->fd[0], -1) ; CHECK_INT(p->fd[1], -1) ;
  CHECK(!is_open(fd0)) ; CHECK(!is_open(fd1)) ;
}
