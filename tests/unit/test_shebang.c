/* #! lines read as the kernel reads them: one interpreter, at most one
   argument, CR and missing newlines refused. */
#include <string.h>
#include "unit.h"
#include "shebang.h"

static int parse (char const *text, char const **interp, char const **arg)
{
  static char buf[256] ;
  size_t len = strlen(text) ;
  memcpy(buf, text, len + 1) ;
  return shebang_parse(buf, len, interp, arg) ;
}

TEST(shebang_interpreter_and_one_argument)
{
  char const *i, *a ;
  CHECK(parse("#!/bin/sh\necho\n", &i, &a)) ;
  CHECK(!strcmp(i, "/bin/sh") && !a) ;
  CHECK(parse("#! /command/execlineb -P \nfoo\n", &i, &a)) ;
  CHECK(!strcmp(i, "/command/execlineb") && a && !strcmp(a, "-P")) ;
  /* the kernel passes the rest of the line as one argument */
  CHECK(parse("#!/usr/bin/env -S bash -e\n", &i, &a)) ;
  CHECK(!strcmp(i, "/usr/bin/env") && a && !strcmp(a, "-S bash -e")) ;
}

TEST(shebang_refuses_what_the_kernel_would_not_run)
{
  char const *i, *a ;
  CHECK(!parse("echo hi\n", &i, &a)) ;
  CHECK(!parse("#!/bin/sh", &i, &a)) ;          /* no newline in what was read */
  CHECK(!parse("#!/bin/sh\r\necho\n", &i, &a)) ;
  CHECK(!parse("#!   \n", &i, &a)) ;
  CHECK(!parse("#", &i, &a)) ;
}
