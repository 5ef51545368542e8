/* Reading the S6_* variables: numbers are plain digits; a malformed value is
   a warning naming the variable, and the default is used (contract s.10). */
#ifndef BOSUN_S6VAR_H
#define BOSUN_S6VAR_H

int s6var_parse_uint (char const *s, unsigned int *value) ;
unsigned int s6var_uint (char const *const *envp, char const *name, unsigned int dflt, unsigned int max) ;
int s6var_flag (char const *const *envp, char const *name) ;

#endif
