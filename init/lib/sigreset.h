#ifndef BOSUN_SIGRESET_H
#define BOSUN_SIGRESET_H
/* Every process bosun starts gets an empty signal mask and default
   dispositions, whatever /init inherited [I1]. */
void sigreset_for_child (void) ;
#endif
